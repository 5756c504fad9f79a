import { E2BIG, EINVAL, ENODEV, ENOMEM } from '../../../errno.js';
import type { file } from '../../../fs/file.js';
import type { Kernel, KGen } from '../../../kernel.js';
import type { char_buf } from '../../../memory.js';
import { strstrip, write_byte } from '../../../lib/string.js';
import { copy_from_user } from '../../../lib/uaccess.js';
import { at } from '../../../site.js';
import { GFP_KERNEL, kfree, kmalloc_buf } from '../../../slab.js';
import { char_array_on_stack, stack_frame_return } from '../../../stackFrame.js';
import { __d_cft, __d_cgrp } from '../../../cgroup/files.js';

const CGROUP_LOCAL_BUFFER_SIZE = 64;
const L_write = at('kernel/cgroup.c', 'cgroup_file_write');
const L_string = at('kernel/cgroup.c', 'cgroup_write_string');

/**
 * cgroup_file_write(): refuses a removed cgroup, then hands write_string files to cgroup_write_string(). It
 * takes no lock rmdir takes, so the removed check and the handler are not atomic with rmdir. [RECON]
 */
export function* cgroup_file_write(k: Kernel, f: file, data: Uint8Array): KGen<number> {
  const cft = __d_cft(k.rd(f, L_write));
  const cgrp = __d_cgrp(f);
  yield k.op('cgroup_is_removed', cgrp, L_write);
  if (k.rd(cgrp, L_write).removed) return -ENODEV;
  if (cft.write_string !== undefined) return yield* cgroup_write_string(k, f, data);
  return -EINVAL;
}

/**
 * cgroup_write_string() [RECON, ../shared/reference/versions.md section 10]: the write lands in a 64-byte array
 * on this call's stack (`local_buffer`), or, when the file allows writes that long (max_write_len), in
 * kmalloc(nbytes + 1) for writes of 64 bytes or more; without max_write_len, 63 bytes or more are -E2BIG, so a
 * shipped file's handler always gets the stack array. The user's bytes are copied in and NUL-terminated; the rest
 * of the array keeps whatever the stack held (uninitialised), which is what a handler reading past the NUL
 * reads. Surrounding whitespace is stripped, the handler called; its 0 becomes nbytes. Process context.
 */
function* cgroup_write_string(k: Kernel, f: file, data: Uint8Array): KGen<number> {
  const local_buffer = char_array_on_stack(k, 'local_buffer', CGROUP_LOCAL_BUFFER_SIZE, L_string);
  try {
    const cft = __d_cft(f);
    const cgrp = __d_cgrp(f);
    const nbytes = data.length;
    const max_bytes = cft.max_write_len || CGROUP_LOCAL_BUFFER_SIZE - 1;
    if (nbytes >= max_bytes) return -E2BIG;
    let buffer: char_buf = local_buffer;
    if (nbytes >= CGROUP_LOCAL_BUFFER_SIZE) {
      const heap = yield* kmalloc_buf(k, nbytes + 1, GFP_KERNEL, L_string);
      if (heap === null) return -ENOMEM;
      buffer = heap;
    }
    copy_from_user(k, { buf: buffer, off: 0 }, data, L_string);
    write_byte(k, { buf: buffer, off: 0 }, nbytes, 0, L_string);
    const stripped = strstrip(k, { buf: buffer, off: 0 }, L_string);
    let retval = yield* cft.write_string!(k, cgrp, cft, stripped);
    if (retval === 0) retval = nbytes;
    if (buffer !== local_buffer) yield* kfree(k, buffer, L_string);
    return retval;
  } finally {
    // The frame goes with the return, whichever way the call ends.
    stack_frame_return(k, local_buffer, L_string);
  }
}
