// A stand-in for src/pipeline/language-worker.ts that misbehaves as its first text says: "hang"
// never answers (a loop that never yields), "exit" ends the thread, "throw" throws outside any
// handler, "oom" fills its heap until the resource limit ends it; anything else is answered "en".
import { parentPort, threadId } from 'node:worker_threads';

if (!parentPort) throw new Error('a worker thread only');
const port = parentPort;

port.on('message', (m: { id: number; texts: string[] }) => {
  const how = m.texts[0];
  if (how === 'hang') for (;;);
  if (how === 'exit') process.exit(3);
  if (how === 'throw') throw new Error('the model broke');
  if (how === 'oom') {
    const hog: string[][] = [];
    for (;;) hog.push(Array.from({ length: 100_000 }, (_, i) => `${i}-${hog.length}`));
  }
  port.postMessage({ id: m.id, ok: true, langs: m.texts.map(() => 'en'), threadId });
});
