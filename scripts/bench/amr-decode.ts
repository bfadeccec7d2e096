// AMR → WAV speed as × real time (seconds of audio per second of wall time) on the committed fixtures,
// decoded in the worker thread (so the figure includes the hand-off). The first call pays the worker
// start and the one-off WASM instantiation; it is reported apart from the steady state.
import { readFileSync } from 'node:fs';
import { amrToWav } from '../../src/providers/audio/amr-to-wav.js';

const FIXTURES = ['note-short.amr', 'note-pause.amr', 'note-long.amr'];
const ROUNDS = 20;

export async function benchAmrDecode(): Promise<void> {
  console.log('\n# AMR-NB → 16-bit WAV (amrToWav, opencore-amr WASM in a worker thread)');
  const files = FIXTURES.map((name) => ({ name, bytes: readFileSync(new URL(`../../test/fixtures/audio/${name}`, import.meta.url)) }));
  const t0 = performance.now();
  await amrToWav(files[0]!.bytes);
  console.log(`first call (worker start + WASM init + decode): ${(performance.now() - t0).toFixed(1)} ms`);
  for (const f of files) {
    let audioSeconds = 0;
    const started = performance.now();
    for (let i = 0; i < ROUNDS; i++) audioSeconds += (await amrToWav(f.bytes)).durationSeconds;
    const cpuSeconds = (performance.now() - started) / 1000;
    const perNoteMs = (cpuSeconds * 1000) / ROUNDS;
    console.log(`${f.name.padEnd(16)} ${(audioSeconds / ROUNDS).toFixed(2).padStart(6)} s audio   ${perNoteMs.toFixed(1).padStart(6)} ms/note   ${(audioSeconds / cpuSeconds).toFixed(0).padStart(5)}× real time`);
  }
}
