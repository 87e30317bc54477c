import { useEffect, useState } from 'react';
import type { TestXml } from '../../../../shared/qualifications/test-xml';
import { bridge } from '../../api/bridge';
import { useDebounced } from '../hits/useDebounced';

/**
 * What the test's frame may do: run the worker site's form script and submit the form back to the preview host,
 * in an opaque origin (no allow-same-origin), so nothing in it reaches the app.
 */
export const TEST_FRAME_SANDBOX = 'allow-scripts allow-forms';

/**
 * The test as a worker sees it, rendered by Local MTurk's worker-site code on the preview host; submitting it there
 * shows the qualification value its answer key gives (the same scoring a worker's request gets). It follows the
 * builder as it changes, once the test is valid.
 */
export function TestPreview(props: { title: string; xml: TestXml | null }) {
  const settled = useDebounced(props.xml, 500);
  const [frameUrl, setFrameUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!settled || !bridge) return;
    let current = true;
    void bridge.api['quals.previewTest']({ title: props.title, test: settled.test, answerKey: settled.answerKey }).then((result) => {
      if (!current) return;
      setError(result.ok ? null : result.error.message);
      if (result.ok) setFrameUrl(result.value.frameUrl);
    });
    return () => {
      current = false;
    };
  }, [settled, props.title]);

  return (
    <section className="test-preview" aria-label="Test preview">
      <h3>As a worker sees it — take it to see your score</h3>
      {!props.xml && <p className="muted">The preview appears once the test has no problems.</p>}
      {error && <p className="notice notice--error" role="alert">{error}</p>}
      {props.xml && frameUrl && (
        <iframe key={frameUrl} className="test-preview__frame" title="Qualification test preview" src={frameUrl} sandbox={TEST_FRAME_SANDBOX} referrerPolicy="no-referrer" data-testid="test-preview-frame" />
      )}
    </section>
  );
}
