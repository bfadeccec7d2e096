// `npm run bench`: prints the numbers; nothing here asserts on time. `npm run bench -- soak [--messages N]`
// runs the soak and chaos bench instead (see soak.ts).
import { benchAmrDecode } from './amr-decode.js';
import { benchCallbackAck } from './callback-ack.js';
import { benchExtraction } from './extraction.js';
import { benchPushSide } from './push-side.js';
import { benchRecognition } from './recognition.js';
import { benchFootprint, benchSoak } from './soak.js';
import { benchTopics } from './topics.js';
import { benchVoiceIsolation } from './voice-isolation.js';

const args = process.argv.slice(2);
if (args[0] === 'soak') {
  await benchSoak(args.slice(1));
  process.exit(0);
}
benchTopics();
benchExtraction();
benchRecognition();
await benchAmrDecode();
await benchFootprint();
await benchCallbackAck();
await benchVoiceIsolation();
await benchPushSide();
await (await import('./export.js')).benchExport();
process.exit(0);
