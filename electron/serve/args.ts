export interface ServeArgs {
  readonly port: number;
  readonly dataDir?: string;
  readonly staticDir?: string;
}

/** `--port N --data-dir DIR --static DIR`; unknown flags are an error, not silently ignored. */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const out: { port: number; dataDir?: string; staticDir?: string } = { port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    switch (flag) {
      case '--port': {
        const port = Number(need());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got "${value}"`);
        out.port = port;
        break;
      }
      case '--data-dir':
        out.dataDir = need();
        break;
      case '--static':
        out.staticDir = need();
        break;
      default:
        throw new Error(`Unknown option "${flag}". Options: --port N, --data-dir DIR, --static DIR`);
    }
  }
  return out;
}
