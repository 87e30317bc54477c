/**
 * The simulated crowd: a 1,000-HIT × 3-assignment batch (QuestionForm, truth registered) created through the SDK,
 * then `simulate` until done with 200 workers; the wall time of the simulation alone is the figure (target < 10 s).
 * The simulation runs in slices so that the process hosting it (Turkbench's main process) keeps answering: the
 * longest the event loop waited meanwhile is the second figure (target ≤ 16 ms, a frame, as for any main-process work).
 * Run alone with `npx tsx bench/crowd.ts`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateHITCommand, MTurkClient } from '@aws-sdk/client-mturk';
import { startLocalMTurk } from '../local-mturk/src/index';
import { fmt, type Figure } from './support/report';

const HITS = Number(process.env.BENCH_CROWD_HITS ?? 1_000);
const ASSIGNMENTS = 3;
const TARGET_SECONDS = 10;
const TARGET_STALL_MS = 16;
const LABELS = ['cat', 'dog', 'bird', 'fish'];

const QUESTION = `<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd">
  <Question><QuestionIdentifier>label</QuestionIdentifier><QuestionContent><Text>What does the picture show?</Text></QuestionContent>
  <AnswerSpecification><SelectionAnswer><Selections>${LABELS.map((l) => `<Selection><SelectionIdentifier>${l}</SelectionIdentifier><Text>${l}</Text></Selection>`).join('')}</Selections></SelectionAnswer></AnswerSpecification></Question>
</QuestionForm>`;

/**
 * The longest gap between the ticks of a 1 ms timer, less its period. `stop` waits for one more tick, so a stall that
 * lasts to the end is counted too (a histogram of timer delays misses it: its timer never fires while blocked).
 */
function watchStalls(): { stop: () => Promise<number> } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 1);
    last = now;
  }, 1);
  return {
    stop: async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      clearInterval(timer);
      return Math.max(0, longest);
    },
  };
}

export async function benchCrowd(): Promise<Figure[]> {
  const server = await startLocalMTurk({ port: 0 });
  try {
    const client = new MTurkClient({ region: 'us-east-1', endpoint: server.url, credentials: { ...server.credentials } });
    const truth: Record<string, { label: string }> = {};
    let next = 0;
    const createOne = async (): Promise<void> => {
      while (next < HITS) {
        const index = next++;
        const { HIT } = await client.send(
          new CreateHITCommand({
            Title: 'Label an image', Description: 'Say what the picture shows', Reward: '0.05', Question: QUESTION,
            AssignmentDurationInSeconds: 600, LifetimeInSeconds: 86_400, AutoApprovalDelayInSeconds: 86_400, MaxAssignments: ASSIGNMENTS,
          }),
        );
        truth[HIT?.HITId ?? ''] = { label: LABELS[index % LABELS.length] ?? 'cat' };
      }
    };
    await Promise.all(Array.from({ length: 8 }, createOne));
    server.control.setTruths(truth);
    const stalls = watchStalls();
    const started = performance.now();
    const result = await server.control.simulate({ workers: 200, seed: 1, until: 'done' });
    const seconds = (performance.now() - started) / 1000;
    const longestStallMs = await stalls.stop();
    const perSecond = result.submitted / seconds;
    const targetRate = (HITS * ASSIGNMENTS) / TARGET_SECONDS;
    console.log(
      `crowd simulate: ${fmt(HITS)} HITs × ${ASSIGNMENTS}: ${fmt(result.accepted)} accepted, ${fmt(result.submitted)} submitted, ` +
        `${fmt(result.returned)} returned, ${fmt(result.abandoned)} abandoned in ${fmt(result.virtualMinutes)} virtual minutes`,
    );
    console.log(
      `crowd simulate wall: ${fmt(seconds, 2)} s (target < ${TARGET_SECONDS} s); ${fmt(perSecond)} simulated assignments/s = ` +
        `${fmt(perSecond / targetRate, 2)}× the ${fmt(targetRate)}/s the target needs`,
    );
    console.log(
      `crowd simulate, the hosting process's event loop meanwhile: longest wait ${fmt(longestStallMs, 1)} ms ` +
        `(target ≤ ${TARGET_STALL_MS} ms) = ${fmt(longestStallMs / TARGET_STALL_MS, 2)} of the target`,
    );
    return [
      {
        figure: `Crowd simulate, ${fmt(HITS)} HITs × ${ASSIGNMENTS} assignments, 200 workers`,
        measured: `${fmt(seconds, 2)} s wall, ${fmt(perSecond)} assignments/s (${fmt(perSecond / targetRate, 2)}× target)`,
        target: `< ${TARGET_SECONDS} s`,
        met: result.submitted === HITS * ASSIGNMENTS && seconds < TARGET_SECONDS,
      },
      {
        figure: 'Crowd simulate, longest event-loop wait in the hosting process meanwhile',
        measured: `${fmt(longestStallMs, 1)} ms (${fmt(longestStallMs / TARGET_STALL_MS, 2)}× target)`,
        target: `≤ ${TARGET_STALL_MS} ms`,
        met: longestStallMs <= TARGET_STALL_MS,
      },
    ];
  } finally {
    await server.close();
  }
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  benchCrowd().then(
    (figures) => figures.forEach((f) => console.log(`${f.figure}: ${f.measured} (target ${f.target})`)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
