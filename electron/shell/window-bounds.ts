import { z } from 'zod';

/** Where the window was when it last closed (its normal, un-maximized bounds). */
export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(640).max(20_000),
  height: z.number().int().min(480).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_WINDOW: WindowState = { width: 1360, height: 860, maximized: false };

/** How much of the title bar must be on a display for the position to be kept (it is what the user drags). */
const MIN_VISIBLE = 80;

/**
 * The saved state if it is valid and its top edge is reachable on a display that is still connected
 * (a laptop undocked from its monitor must not open Turkbench off-screen); otherwise the saved size,
 * centred by the window manager, or the defaults.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Area[]): WindowState {
  const parsed = windowStateSchema.safeParse(saved);
  if (!parsed.success) return DEFAULT_WINDOW;
  const state = parsed.data;
  if (state.x === undefined || state.y === undefined) return { width: state.width, height: state.height, maximized: state.maximized };
  const { x, y } = state;
  const onScreen = workAreas.some(
    (a) => x + state.width - MIN_VISIBLE >= a.x && x + MIN_VISIBLE <= a.x + a.width && y >= a.y && y + MIN_VISIBLE <= a.y + a.height,
  );
  if (onScreen) return state;
  const biggest = [...workAreas].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  return {
    width: Math.min(state.width, biggest?.width ?? state.width),
    height: Math.min(state.height, biggest?.height ?? state.height),
    maximized: state.maximized,
  };
}
