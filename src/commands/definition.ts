/**
 * The one definition of `/blackout`: its subcommands, their options and who may use them, in
 * English with French localizations. Discord's application command payload, Slack's text parser,
 * the handlers and the documentation are all derived from this list, so the two platforms cannot
 * drift apart.
 */

/** A name and description in French (Discord's `fr` localization; also accepted on Slack). */
export interface French {
  /** Lowercase, no spaces (Discord's rule for command and option names). */
  name: string;
  description: string;
}

/** Every option of `/blackout` is text: dates, ids, links and hashes are validated by the schema. */
export interface OptionDefinition {
  name: string;
  description: string;
  fr: French;
  required: boolean;
  /**
   * On Slack, where options are positional: this option takes the rest of the line (free text,
   * window names with spaces).
   */
  rest?: boolean;
  /** Longest value accepted (Discord enforces it in the client). */
  maxLength?: number;
}

/** Stable ids of the subcommands: `group.name` for grouped ones. */
export type SubcommandId =
  | 'status'
  | 'check'
  | 'statement'
  | 'windows.list'
  | 'windows.add'
  | 'windows.remove'
  | 'leaks.list'
  | 'leaks.add-url'
  | 'leaks.add-domain'
  | 'leaks.add-hash'
  | 'report'
  | 'sweep';

export interface SubcommandDefinition {
  id: SubcommandId;
  /** The group it belongs to (`windows`, `leaks`), if any. */
  group?: 'windows' | 'leaks';
  name: string;
  description: string;
  fr: French;
  /**
   * Whether it needs admin rights: Manage Server on Discord, workspace admin/owner or the
   * configured user group on Slack. Changes and the report do.
   */
  admin: boolean;
  /** Reply only to the person who asked (Slack answers are always ephemeral). */
  ephemeral: boolean;
  options: OptionDefinition[];
}

export interface GroupDefinition {
  name: 'windows' | 'leaks';
  description: string;
  fr: French;
}

export interface CommandDefinition {
  name: string;
  description: string;
  fr: French;
  groups: GroupDefinition[];
  subcommands: SubcommandDefinition[];
}

const leakValue = (description: string, fr: string): OptionDefinition => ({
  name: 'value',
  description,
  fr: { name: 'valeur', description: fr },
  required: true,
  maxLength: 2000,
});

const leakSet: OptionDefinition = {
  name: 'leak',
  description: 'Leak set id (default: the first leak set)',
  fr: { name: 'fuite', description: 'Identifiant du jeu de fuite (par défaut : le premier)' },
  required: false,
};

export const BLACKOUT_COMMAND: CommandDefinition = {
  name: 'blackout',
  description: 'Election blackout: status, checks, windows and leak lists',
  fr: { name: 'reserve', description: 'Réserve électorale : état, vérification, périodes et fuites' },
  groups: [
    {
      name: 'windows',
      description: 'Blackout windows',
      fr: { name: 'periodes', description: 'Périodes de réserve électorale' },
    },
    {
      name: 'leaks',
      description: 'Leak sets and their entries',
      fr: { name: 'fuites', description: 'Fuites surveillées et leurs entrées' },
    },
  ],
  subcommands: [
    {
      id: 'status',
      name: 'status',
      description: 'Current or next blackout window and the time left',
      fr: { name: 'etat', description: 'Période de réserve en cours ou à venir, et le temps restant' },
      admin: false,
      ephemeral: true,
      options: [],
    },
    {
      id: 'check',
      name: 'check',
      description: 'Dry run: would this text be flagged? (only you see the answer)',
      fr: { name: 'verifier', description: 'Essai : ce texte serait-il signalé ? (vous seul voyez la réponse)' },
      admin: false,
      ephemeral: true,
      options: [
        {
          name: 'text',
          description: 'Text or link to check (never stored or shown)',
          fr: { name: 'texte', description: 'Texte ou lien à vérifier (jamais enregistré ni affiché)' },
          required: true,
          rest: true,
          maxLength: 4000,
        },
      ],
    },
    {
      id: 'statement',
      name: 'statement',
      description: "The electoral commission's statement on the leaked documents",
      fr: { name: 'declaration', description: 'La déclaration de la commission électorale sur les documents divulgués' },
      admin: false,
      ephemeral: false,
      options: [],
    },
    {
      id: 'windows.list',
      group: 'windows',
      name: 'list',
      description: 'List the blackout windows',
      fr: { name: 'liste', description: 'Lister les périodes de réserve' },
      admin: false,
      ephemeral: true,
      options: [],
    },
    {
      id: 'windows.add',
      group: 'windows',
      name: 'add',
      description: 'Add or replace a blackout window (admins)',
      fr: { name: 'ajouter', description: 'Ajouter ou remplacer une période de réserve (admins)' },
      admin: true,
      ephemeral: true,
      options: [
        {
          name: 'id',
          description: 'Window id, e.g. fr-2022-t1',
          fr: { name: 'id', description: 'Identifiant, par ex. fr-2022-t1' },
          required: true,
          maxLength: 64,
        },
        {
          name: 'start',
          description: 'Start, local to the zone: 2022-04-09T00:00',
          fr: { name: 'debut', description: 'Début, heure locale du fuseau : 2022-04-09T00:00' },
          required: true,
        },
        {
          name: 'end',
          description: 'End (excluded), local to the zone: 2022-04-10T20:00',
          fr: { name: 'fin', description: 'Fin (exclue), heure locale du fuseau : 2022-04-10T20:00' },
          required: true,
        },
        {
          name: 'timezone',
          description: 'IANA time zone, e.g. Europe/Paris (default: the configured one)',
          fr: { name: 'fuseau', description: 'Fuseau IANA, par ex. Europe/Paris (par défaut : celui de la configuration)' },
          required: false,
        },
        {
          name: 'name',
          description: 'Name shown in warnings and reminders',
          fr: { name: 'nom', description: 'Nom affiché dans les avertissements et rappels' },
          required: false,
          rest: true,
          maxLength: 200,
        },
      ],
    },
    {
      id: 'windows.remove',
      group: 'windows',
      name: 'remove',
      description: 'Remove a blackout window (admins)',
      fr: { name: 'retirer', description: 'Retirer une période de réserve (admins)' },
      admin: true,
      ephemeral: true,
      options: [
        {
          name: 'id',
          description: 'Window id',
          fr: { name: 'id', description: 'Identifiant de la période' },
          required: true,
          maxLength: 64,
        },
      ],
    },
    {
      id: 'leaks.list',
      group: 'leaks',
      name: 'list',
      description: 'List the leak sets and their entries',
      fr: { name: 'liste', description: 'Lister les fuites surveillées et leurs entrées' },
      admin: false,
      ephemeral: true,
      options: [],
    },
    {
      id: 'leaks.add-url',
      group: 'leaks',
      name: 'add-url',
      description: 'Add a link to a leak set (admins)',
      fr: { name: 'ajouter-lien', description: 'Ajouter un lien à une fuite (admins)' },
      admin: true,
      ephemeral: true,
      options: [leakValue('Link, e.g. https://paste.example/abc', 'Lien, par ex. https://paste.example/abc'), leakSet],
    },
    {
      id: 'leaks.add-domain',
      group: 'leaks',
      name: 'add-domain',
      description: 'Add a domain (and its subdomains) to a leak set (admins)',
      fr: { name: 'ajouter-domaine', description: 'Ajouter un domaine (et ses sous-domaines) à une fuite (admins)' },
      admin: true,
      ephemeral: true,
      options: [leakValue('Domain, e.g. leaks.example', 'Domaine, par ex. leaks.example'), leakSet],
    },
    {
      id: 'leaks.add-hash',
      group: 'leaks',
      name: 'add-hash',
      description: "Add a file's SHA-256 to a leak set (admins)",
      fr: { name: 'ajouter-empreinte', description: 'Ajouter l’empreinte SHA-256 d’un fichier à une fuite (admins)' },
      admin: true,
      ephemeral: true,
      options: [leakValue('SHA-256, 64 hexadecimal digits', 'SHA-256, 64 chiffres hexadécimaux'), leakSet],
    },
    {
      id: 'report',
      name: 'report',
      description: 'Incidents of the current or last window (admins)',
      fr: { name: 'rapport', description: 'Incidents de la période en cours ou de la dernière (admins)' },
      admin: true,
      ephemeral: true,
      options: [
        {
          name: 'window',
          description: 'Window id (default: the current or last window)',
          fr: { name: 'periode', description: 'Identifiant de la période (par défaut : en cours ou dernière)' },
          required: false,
          maxLength: 64,
        },
      ],
    },
    {
      id: 'sweep',
      name: 'sweep',
      description: 'Sweep what was already posted for leaked material now (admins)',
      fr: { name: 'balayer', description: 'Balayer maintenant les messages déjà publiés (admins)' },
      admin: true,
      ephemeral: true,
      options: [
        {
          name: 'channel',
          description: 'Only this channel (id or mention; default: every channel)',
          fr: { name: 'salon', description: 'Seulement ce salon (id ou mention ; par défaut : tous)' },
          required: false,
          maxLength: 64,
        },
        {
          name: 'since',
          description: 'How far back, e.g. 6h or 2d (default: sweep.lookback)',
          fr: { name: 'depuis', description: 'Jusqu’où remonter, par ex. 6h ou 2d (par défaut : sweep.lookback)' },
          required: false,
          maxLength: 16,
        },
      ],
    },
  ],
};

/** The subcommand with this id. */
export function subcommand(id: SubcommandId): SubcommandDefinition {
  const found = BLACKOUT_COMMAND.subcommands.find((s) => s.id === id);
  if (!found) throw new Error(`unknown /blackout subcommand ${id}`);
  return found;
}
