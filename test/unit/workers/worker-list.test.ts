import { describe, expect, it } from 'vitest';
import { parseWorkerList } from '../../../shared/domain/worker-list';

describe('parseWorkerList', () => {
  it('reads one id per line, skipping blank lines and keeping each worker once', () => {
    expect(parseWorkerList('A1B2C3\n\nA9Z8\r\nA1B2C3\n')).toEqual({ ok: true, value: [{ workerId: 'A1B2C3', score: null }, { workerId: 'A9Z8', score: null }] });
  });

  it("reads the Requester website's worker CSV with an UPDATE- score column", () => {
    const csv = 'Worker ID,Number of HITs approved,"UPDATE-Careful transcriber"\nA1B2C3,12,80\nA9Z8,3,\n';
    expect(parseWorkerList(csv)).toEqual({ ok: true, value: [{ workerId: 'A1B2C3', score: 80 }, { workerId: 'A9Z8', score: null }] });
  });

  it('reads the one UPDATE- column that holds scores when the download has a column per qualification type', () => {
    const csv = 'Worker ID,UPDATE-Speed,UPDATE-Accuracy,UPDATE-Recall\nW1,,90\nW2,,\nW3,, -5 \n';
    expect(parseWorkerList(csv)).toEqual({ ok: true, value: [{ workerId: 'W1', score: 90 }, { workerId: 'W2', score: null }, { workerId: 'W3', score: -5 }] });
    expect(parseWorkerList('Worker ID,UPDATE-Speed,UPDATE-Accuracy\nW1,,\n')).toEqual({ ok: true, value: [{ workerId: 'W1', score: null }] });
  });

  it('refuses scores in more than one UPDATE- column, naming them, rather than grant one meant for another type', () => {
    const csv = 'Worker ID,UPDATE-Speed,UPDATE-Accuracy,UPDATE-Recall\nW1,70,\nW2,,90\n';
    expect(parseWorkerList(csv, 'workers.csv')).toMatchObject({
      ok: false,
      error: { message: 'workers.csv, line 1: scores in more than one column ("UPDATE-Speed", "UPDATE-Accuracy"); keep only the column of the qualification being granted (delete the others).' },
    });
  });

  it('reads scores as plain decimal 32-bit integers only, naming the line, column and value of any other', () => {
    const scored = (score: string) => parseWorkerList(`Worker ID,UPDATE-Speed\nW1,1\nW2,"${score}"\n`, 'workers.csv');
    for (const bad of ['0x1A', '1e3', '0b11', '0o7', '+5', '1.0', '1,000', '- 5', 'Infinity', '9007199254740993', '2147483648', '-2147483649']) {
      expect(scored(bad)).toMatchObject({ ok: false, error: { message: `workers.csv, line 3, column "UPDATE-Speed": score "${bad}" of W2 is not a whole number from -2147483648 to 2147483647.` } });
    }
    for (const [text, score] of [['2147483647', 2147483647], ['-2147483648', -2147483648], [' 007 ', 7], ['-0', 0]] as const) {
      expect(scored(text)).toEqual({ ok: true, value: [{ workerId: 'W1', score: 1 }, { workerId: 'W2', score }] });
    }
    expect(Object.is((scored('-0') as { value: { score: number }[] }).value[1]!.score, 0)).toBe(true);
  });

  it('names the line and value of a bad row, and a missing id column', () => {
    expect(parseWorkerList('WorkerId,Score\nA1,5\na2,6\n', 'ids.csv')).toMatchObject({ ok: false, error: { message: 'ids.csv, line 3: "a2" is not a worker id (capital letters and digits).' } });
    expect(parseWorkerList('WorkerId,Score\nA1,5.5\n', 'ids.csv')).toMatchObject({ ok: false, error: { message: 'ids.csv, line 2, column "Score": score "5.5" of A1 is not a whole number from -2147483648 to 2147483647.' } });
    expect(parseWorkerList('Name,Score\nBob,5\n', 'ids.csv')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/line 1: no "Worker ID" column/) } });
    expect(parseWorkerList('\n\n')).toMatchObject({ ok: false, error: { message: 'the list names no workers.' } });
  });
});
