/** The `--config` option shared by every subcommand, and the way a bad configuration is reported. */
import { Option } from 'commander';
import { ConfigError } from '../core/index.ts';
import { usageError } from './exitCodes.ts';
import { configFileFrom, loadConfig, type LoadedConfig } from '../runtimeConfig/load.ts';

/** The one definition of `-c, --config <file>`; every subcommand adds it with `.addOption(configOption())`. */
export function configOption(): Option {
  return new Option('-c, --config <file>', 'configuration file (default: $BLACKOUT_CONFIG, else config/blackout.yaml)');
}

/**
 * Loads the configuration named by `--config` (or BLACKOUT_CONFIG, or the default). A broken file
 * becomes a usage error (exit 2) saying what is wrong and where; nothing is started.
 */
export async function loadConfigOption(option: string | undefined): Promise<LoadedConfig> {
  try {
    return await loadConfig(configFileFrom(option));
  } catch (err) {
    if (err instanceof ConfigError) throw usageError(err.message);
    throw err;
  }
}

