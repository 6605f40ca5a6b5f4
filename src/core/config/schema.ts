/**
 * The one schema of blackout-guard's configuration. It validates the YAML at the edge and gives
 * the TypeScript types (`Config`, `WindowConfig`, …) through `z.output`.
 */
import { z } from 'zod';
import { DateTime, IANAZone } from 'luxon';
import { parseDuration } from './duration.ts';
import { ACTION_NAMES } from '../actions/registry.ts';
import { urlEntry } from '../matchers/url.ts';
import { domainEntry } from '../matchers/domain.ts';
import { fileHashEntry } from '../matchers/fileHash.ts';
import { md5Entry } from '../matchers/md5.ts';
import { pdqEntry } from '../matchers/pdq.ts';
import { fileNameEntry } from '../matchers/fileName.ts';
import { magnetEntry } from '../matchers/magnet.ts';
import { keywordEntry } from '../matchers/keyword.ts';
import { hashtagEntry } from '../matchers/hashtag.ts';
import { documentEntry } from '../matchers/excerpt.ts';

const id = z
  .string({ error: 'expected an id (text)' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
    error: 'expected an id of letters, digits, "-", "_" or "." (at most 64 characters)',
  });

const zone = z.string({ error: 'expected an IANA time zone such as Europe/Paris' }).refine(
  (name) => IANAZone.isValidZone(name),
  { error: (issue) => `unknown time zone "${String(issue.input)}" (expected an IANA name such as Europe/Paris)` },
);

/** Local date-time in the window's zone (`2017-05-06T00:00`) or ISO time with offset. */
const LOCAL_OR_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;
const dateTime = z
  .string({ error: 'expected a date-time such as 2017-05-06T00:00 or 2017-05-05T22:00:00+00:00' })
  .regex(LOCAL_OR_OFFSET, {
    error: 'expected a date-time such as 2017-05-06T00:00 (local to the window) or 2017-05-05T22:00:00+00:00',
  });

const duration = z
  .string({ error: 'expected a duration such as 10m, 1h or 24h' })
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (expected e.g. 30s, 10m, 1h, 24h, 2d)` });
      return z.NEVER;
    }
    return ms;
  });

const list = <T extends z.ZodType>(item: T) => z.array(item).default([]);

export const windowSchema = z.strictObject({
  id,
  name: z.string().optional(),
  /** Election this window belongs to, e.g. "Présidentielle 2017". */
  election: z.string().optional(),
  /** Round number or name, e.g. 2. */
  round: z.union([z.number().int().positive(), z.string()]).optional(),
  /** Region the window applies to, e.g. "metropole" or "outre-mer". */
  region: z.string().optional(),
  start: dateTime,
  end: dateTime,
  /** Zone of `start`/`end` when they carry no offset; defaults to the top-level `timezone`. */
  timezone: zone.optional(),
});

export const leakSetSchema = z.strictObject({
  id,
  name: z.string().optional(),
  description: z.string().optional(),
  hashtags: list(hashtagEntry),
  keywords: list(keywordEntry),
  urls: list(urlEntry),
  domains: list(domainEntry),
  sha256: list(fileHashEntry),
  fileNames: list(fileNameEntry),
  infohashes: list(magnetEntry),
  documents: list(documentEntry),
  md5: list(md5Entry),
  pdq: list(pdqEntry),
  /** Bank files (`blackout-guard fingerprint`), relative to the configuration file. */
  banks: list(
    z.string({ error: 'expected the path of a bank file' }).min(1, { error: 'expected the path of a bank file' }),
  ),
});

const actionName = z.enum(ACTION_NAMES, {
  error: () => `expected one of the actions: ${ACTION_NAMES.join(', ')}`,
});

const verdictActions = z.strictObject({
  share: z.array(actionName).optional(),
  mention: z.array(actionName).optional(),
  none: z.array(actionName).optional(),
});

const channelOverride = z.strictObject({
  /** No moderation at all in this channel. */
  exempt: z.boolean().optional(),
  /** Where moderators are alerted about this channel. */
  alertChannel: z.string().optional(),
  inWindow: verdictActions.optional(),
  outsideWindow: verdictActions.optional(),
});

export const policySchema = z.strictObject({
  /** Actions for each verdict inside a blackout window. */
  inWindow: verdictActions.prefault({}),
  /** Actions for each verdict outside every window. */
  outsideWindow: verdictActions.prefault({}),
  /** A user is warned at most once per this interval per channel (deletion still happens). */
  warnEvery: duration.default(600_000),
  /** Channel ids (Discord or Slack) never moderated. Threads follow their parent channel. */
  exemptChannels: list(z.string()),
  /** Discord role ids whose members are never moderated. */
  exemptRoles: list(z.string()),
  /** Slack user ids never moderated (Slack has no roles). */
  exemptUsers: list(z.string()),
  /** Per-channel overrides, keyed by channel id. */
  channels: z.record(z.string(), channelOverride).default({}),
  /**
   * Actions for a message found sharing leaked material by a sweep of what was already posted,
   * inside a window. The author is not pinged about an old message: instead each channel gets one
   * notice and the moderators one digest per sweep. Outside every window a sweep records only.
   */
  sweep: z.array(actionName).default(['delete', 'alert', 'record']),
});

const platformSchema = z.strictObject({
  /** Channel id where moderators are alerted. */
  alertChannel: z.string().optional(),
  /** Channel ids that receive the scheduled reminders. */
  reminderChannels: list(z.string()),
  /** Language of replies and warnings on this platform; defaults to the top-level `language`. */
  language: z.enum(['fr', 'en']).optional(),
});

export const remindersSchema = z.strictObject({
  /** How long before a window opens to post a reminder, e.g. [24h, 1h]. */
  before: list(duration),
  /** Post when a window opens. */
  onOpen: z.boolean().default(true),
  /** Post when a window closes. */
  onClose: z.boolean().default(true),
});

const warningTemplate = z.strictObject({
  /** Title of the warning (embed title on Discord, header on Slack). */
  title: z.string().optional(),
  /** Body; placeholders {mention}, {statement}, {end}, {window}. */
  body: z.string().optional(),
  /** The commission's statement in this language. */
  statement: z.string().optional(),
  /** Gentle reminder sent for `mention` when the `remind` action is on. */
  reminder: z.string().optional(),
});

export const configSchema = z
  .strictObject({
    /** Default IANA zone of windows. */
    timezone: zone.default('Europe/Paris'),
    /** Language of warnings: fr or en. */
    language: z.enum(['fr', 'en'], { error: 'expected "fr" or "en"' }).default('fr'),
    windows: list(windowSchema),
    leaks: list(leakSetSchema),
    policy: policySchema.prefault({}),
    reminders: remindersSchema.prefault({}),
    discord: platformSchema.prefault({}),
    slack: platformSchema
      .extend({
        /** Slack user group id whose members may change settings (besides admins and owners). */
        adminUserGroup: z.string().optional(),
      })
      .prefault({}),
    attachments: z
      .strictObject({
        /** Larger files are not downloaded (their name is still checked). */
        maxBytes: z.number().int().positive().default(50 * 1024 * 1024),
        /** Download time limit per file. */
        timeout: duration.default(15_000),
        /**
         * When to look inside attachments (documents, archives, images): `always`, only for
         * messages posted inside a blackout window (`inWindow`), or `never` (hashes and names only).
         */
        inspect: z.enum(['always', 'inWindow', 'never'], { error: 'expected "always", "inWindow" or "never"' }).default('inWindow'),
        /** Read the text of images that carry some (screenshots) and match it as an excerpt. */
        ocr: z.boolean().default(true),
        /** Languages of that text, as installed `@tesseract.js-data/*` packages. */
        ocrLanguages: z
          .array(z.enum(['fra', 'eng'], { error: 'expected "fra" or "eng" (the installed OCR languages)' }))
          .min(1, { error: 'expected at least one OCR language (or attachments.ocr: false)' })
          .default(['fra', 'eng']),
      })
      .prefault({}),
    sweep: z
      .strictObject({
        /** Sweep what was already posted (window opening, new rules, downtime, on demand). */
        enabled: z.boolean().default(true),
        /** How far back a sweep looks. */
        lookback: duration.default(72 * 3_600_000),
      })
      .prefault({}),
    warnings: z
      .strictObject({ fr: warningTemplate.optional(), en: warningTemplate.optional() })
      .prefault({}),
    store: z
      .strictObject({
        /** SQLite file used when DATABASE_URL is not set (relative to the working directory). */
        sqlitePath: z.string().default('./data/blackout-guard.db'),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const seenWindows = new Set<string>();
    config.windows.forEach((w, i) => {
      if (seenWindows.has(w.id)) {
        ctx.addIssue({ code: 'custom', path: ['windows', i, 'id'], message: `duplicate window id "${w.id}"` });
      }
      seenWindows.add(w.id);
      const zoneName = w.timezone ?? config.timezone;
      const start = DateTime.fromISO(w.start, { zone: zoneName, setZone: true });
      const end = DateTime.fromISO(w.end, { zone: zoneName, setZone: true });
      if (!start.isValid) {
        ctx.addIssue({ code: 'custom', path: ['windows', i, 'start'], message: `not a valid date-time: ${start.invalidExplanation ?? w.start}` });
      }
      if (!end.isValid) {
        ctx.addIssue({ code: 'custom', path: ['windows', i, 'end'], message: `not a valid date-time: ${end.invalidExplanation ?? w.end}` });
      }
      if (start.isValid && end.isValid && end.toMillis() <= start.toMillis()) {
        ctx.addIssue({
          code: 'custom',
          path: ['windows', i, 'end'],
          message: `the window must end after it starts (start ${w.start}, end ${w.end})`,
        });
      }
    });
    const seenLeaks = new Set<string>();
    config.leaks.forEach((l, i) => {
      if (seenLeaks.has(l.id)) {
        ctx.addIssue({ code: 'custom', path: ['leaks', i, 'id'], message: `duplicate leak set id "${l.id}"` });
      }
      seenLeaks.add(l.id);
    });
  });

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type WindowConfig = z.output<typeof windowSchema>;
export type LeakSetConfig = z.output<typeof leakSetSchema>;
export type PolicyConfig = z.output<typeof policySchema>;
export type ChannelOverride = z.output<typeof channelOverride>;
export type VerdictActions = z.output<typeof verdictActions>;
export type WarningTemplate = z.output<typeof warningTemplate>;
export type Language = Config['language'];
