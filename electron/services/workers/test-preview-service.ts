/**
 * "Take the test yourself": a qualification test hosted for the app's sandboxed preview frame, rendered and scored by
 * Local MTurk's worker-site code (the same rendering a worker sees and the same AnswerKey scoring a request gets).
 */
import { checkAnswerKeyXml } from '../../../local-mturk/src/formats/answer-key';
import { checkQualificationTestXml } from '../../../local-mturk/src/formats/question';
import { scoreTestForm, testPreviewCsp, testPreviewDocument, testScoreDocument } from '../../../local-mturk/src/worker-site/test-preview';
import { appError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import type { PreviewHost } from '../batches/preview-server';

export interface TestPreviewInput {
  readonly title: string;
  readonly test: string;
  readonly answerKey?: string | undefined;
}

export class TestPreviewService {
  constructor(private readonly previewHost: () => Promise<PreviewHost>) {}

  /** The address of the test for a sandboxed frame, once the Test and AnswerKey pass MTurk's checks. */
  async preview(input: TestPreviewInput): Promise<Result<{ frameUrl: string }>> {
    const answerKey = input.answerKey ?? null;
    try {
      checkQualificationTestXml(input.test, answerKey !== null);
    } catch (error) {
      return err(appError('validation', `The test is not one MTurk accepts: ${messageOf(error)}`, { field: 'test' }));
    }
    try {
      if (answerKey !== null) checkAnswerKeyXml(answerKey, input.test);
    } catch (error) {
      return err(appError('validation', `The answer key is not one MTurk accepts: ${messageOf(error)}`, { field: 'answerKey' }));
    }
    const host = await this.previewHost();
    const frameUrl = host.hostForm({
      page: (origin, action) => testPreviewDocument(origin, input.title, input.test, action),
      submit: (origin, form, pageUrl) => testScoreDocument(origin, scoreTestForm(input.test, answerKey, form), pageUrl),
      csp: testPreviewCsp,
    });
    return ok({ frameUrl });
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
