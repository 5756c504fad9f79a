import { E2BIG, EINVAL, ENODEV, ENOMEM } from '../../../errno.js';
import type { file } from '../../../fs/file.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { strstrip, write_byte } from '../../../lib/string.js';
import { copy_from_user } from '../../../lib/uaccess.js';
import { at } from '../../../site.js';
import { GFP_KERNEL, kfree, kmalloc_buf } from '../../../slab.js';
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
 * cgroup_write_string(): refuses writes of 63 bytes or more (-E2BIG), copies the user's bytes into a buffer of
 * exactly nbytes + 1, NUL-terminates it,
 * strips surrounding whitespace and calls the handler; a handler's 0 becomes nbytes. The 2.6.3x code used a
 * 64-byte stack buffer for short writes; the model always uses the exact-size heap buffer of later kernels
 * (kernfs), so a read past the terminator is an out-of-bounds read of the buffer (see README).
 */
function* cgroup_write_string(k: Kernel, f: file, data: Uint8Array): KGen<number> {
  const cft = __d_cft(f);
  const cgrp = __d_cgrp(f);
  const nbytes = data.length;
  // Without cft->max_write_len, 2.6.3x refuses writes that would not fit its 64-byte local buffer.
  if (nbytes >= CGROUP_LOCAL_BUFFER_SIZE - 1) return -E2BIG;
  const buf = yield* kmalloc_buf(k, nbytes + 1, GFP_KERNEL, L_string);
  if (buf === null) return -ENOMEM;
  copy_from_user(k, { buf, off: 0 }, data, L_string);
  write_byte(k, { buf, off: 0 }, nbytes, 0, L_string);
  const stripped = strstrip(k, { buf, off: 0 }, L_string);
  const retval = yield* cft.write_string!(k, cgrp, cft, stripped);
  yield* kfree(k, buf, L_string);
  return retval !== 0 ? retval : nbytes;
}
