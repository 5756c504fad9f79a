import test from 'ava';
import { read_byte } from '../../model/lib/string.js';
import { char_array_on_stack, stack_frame_return } from '../../model/stackFrame.js';
import { at } from '../../model/site.js';
import { pause, runOne } from '../helpers/modelFixtures.js';

const L = at('kernel/test.c', 'frame_fn');

test("a local array is a block of the calling task's stack: numbered like its C type, uninitialised, never a leak", (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(function* (k) {
    const local = char_array_on_stack(k, 'local_buffer', 64, L);
    const m = local.mem;
    seen.push(`${m.name} ${m.kind} ${m.local} size=${m.size} uninit=${m.uninit} by=${m.allocActor} in=${m.allocSite?.fn} bytes=${local.bytes.length}`);
    stack_frame_return(k, local, L);
    seen.push(`returned=${m.freed}`);
    yield* pause(k);
  });
  t.deepEqual(seen, ['char[]#1 stack local_buffer size=64 uninit=true by=cpu0 in=frame_fn bytes=64', 'returned=true']);
  // Not freed with kfree, yet no leak: the leak checker counts slab blocks only.
  t.deepEqual(kinds, []);
});

test('an access to a frame after its function returned is refused: the model does not reuse stack memory', (t) => {
  const err = t.throws(() =>
    runOne(function* (k) {
      const local = char_array_on_stack(k, 'local_buffer', 64, L);
      stack_frame_return(k, local, L);
      yield* pause(k);
      read_byte(k, { buf: local, off: 0 }, 0, at('kernel/test.c', 'late_reader'));
    }),
  );
  t.regex(err!.message, /char\[\]#1 \(local_buffer of frame_fn\) accessed at late_reader \(kernel\/test\.c\) after its frame returned/);
});
