/**
 * The few sentences only the Slack app writes (the author's private note and the moderators'
 * alert), in both languages. The warning itself comes from the core, like on Discord.
 */
import type { Language } from '../core/index.ts';

export const SLACK_TEXTS: Record<
  Language,
  {
    note: string;
    alertTitle: string;
    alertIntro: string;
    author: string;
    channel: string;
    leaks: string;
    rules: string;
    window: string;
    deletion: string;
    deletionDone: string;
    deletionSkipped: string;
    deletionFailed: string;
    viewMessage: string;
    edited: string;
  }
> = {
  fr: {
    note:
      'Votre message relaie des documents visés par la période de réserve électorale, qui prend fin le {end}. ' +
      'Un avertissement a été publié en réponse ; les modérateurs ont été prévenus.',
    alertTitle: 'Documents divulgués partagés',
    alertIntro: '{author} a partagé dans {channel} un message relayant des documents visés par la période de réserve.',
    author: 'Auteur',
    channel: 'Canal',
    leaks: 'Fuite',
    rules: 'Règles reconnues',
    window: 'Période',
    deletion: 'Suppression',
    deletionDone: 'message supprimé',
    deletionSkipped: 'non supprimé ({detail})',
    deletionFailed: 'échec ({detail})',
    viewMessage: 'Voir le message',
    edited: ' (message modifié)',
  },
  en: {
    note:
      'Your message passes on material covered by the election blackout, which ends on {end}. ' +
      'A warning was posted in reply; the moderators have been told.',
    alertTitle: 'Leaked material shared',
    alertIntro: '{author} shared in {channel} a message passing on material covered by the blackout.',
    author: 'Author',
    channel: 'Channel',
    leaks: 'Leak',
    rules: 'Matched rules',
    window: 'Window',
    deletion: 'Deletion',
    deletionDone: 'message deleted',
    deletionSkipped: 'not deleted ({detail})',
    deletionFailed: 'failed ({detail})',
    viewMessage: 'View message',
    edited: ' (edited message)',
  },
};
