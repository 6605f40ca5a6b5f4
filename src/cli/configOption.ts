/** The `--config` option shared by every subcommand, and the way a bad configuration is reported. */
import { ConfigError } from '../core/index.ts';
import { EXIT } from './exitCodes.ts';
import { configFileFrom, loadConfig, type LoadedConfig } from '../runtimeConfig/load.ts';

/** Exit code for usage and configuration errors (1 is kept for "something was skipped"). */
export const EXIT_USAGE = EXIT.usage;

/** Loads the configuration named by `--config` (or BLACKOUT_CONFIG, or the default); on a broken
 * file prints what is wrong, where, and exits without starting anything. */
export async function loadConfigOrExit(option: string | undefined): Promise<LoadedConfig> {
  try {
    return await loadConfig(configFileFrom(option));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`blackout-guard: ${err.message}\n`);
      process.exit(EXIT_USAGE);
    }
    throw err;
  }
}
