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

  it('names the line and value of a bad row, and a missing id column', () => {
    expect(parseWorkerList('WorkerId,Score\nA1,5\na2,6\n', 'ids.csv')).toMatchObject({ ok: false, error: { message: 'ids.csv, line 3: "a2" is not a worker id (capital letters and digits).' } });
    expect(parseWorkerList('WorkerId,Score\nA1,5.5\n', 'ids.csv')).toMatchObject({ ok: false, error: { message: 'ids.csv, line 2: score "5.5" of A1 is not a whole number.' } });
    expect(parseWorkerList('Name,Score\nBob,5\n', 'ids.csv')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/line 1: no "Worker ID" column/) } });
    expect(parseWorkerList('\n\n')).toMatchObject({ ok: false, error: { message: 'the list names no workers.' } });
  });
});
