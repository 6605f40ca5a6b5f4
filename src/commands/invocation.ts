/**
 * A `/blackout` command as the handlers see it, whatever platform it came from: which subcommand,
 * and its options by their English names. Discord's options data and Slack's text both become one.
 */
import type { SubcommandId } from './definition.ts';

export type { SubcommandId } from './definition.ts';

export interface CommandInvocation {
  subcommand: SubcommandId;
  /** Option values by English option name; absent when not given. */
  options: Readonly<Record<string, string>>;
}
