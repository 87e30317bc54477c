/**
 * A grid's "no rows" message, rendered as text. ag-grid's own `overlay…Template` props take markup and would put
 * whatever they are given (an error message from an endpoint, say) into the page as HTML; lint forbids them.
 * Use: `noRowsOverlayComponent={GridOverlayText} noRowsOverlayComponentParams={{ text }}`.
 */
export function GridOverlayText({ text }: { text: string }) {
  return (
    <span className="grid-overlay-text muted" data-testid="grid-no-rows">
      {text}
    </span>
  );
}
