/** What every subcommand handler receives. */
import type { CommandContext, Language } from '../context.ts';
import type { CommandInvocation } from '../invocation.ts';
import type { CommandReply } from '../reply.ts';
import type { CommandTexts } from '../texts.ts';

export interface HandlerInput {
  ctx: CommandContext;
  invocation: CommandInvocation;
  language: Language;
  t: CommandTexts;
  /** Whether the reply is only for the person who asked (from the definition). */
  ephemeral: boolean;
}

export type Handler = (input: HandlerInput) => Promise<CommandReply> | CommandReply;
