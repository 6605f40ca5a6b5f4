/**
 * The French electoral commission's statement of 6 May 2017 (Commission nationale de contrôle de
 * la campagne électorale en vue de l'élection présidentielle), cited in every warning.
 */
import type { Language } from './config/schema.ts';

export const COMMISSION_STATEMENT: Record<Language, string> = {
  fr:
    "La diffusion de ces données, obtenues frauduleusement et auxquelles ont pu, selon toute " +
    'vraisemblance, être mêlées de fausses informations, est susceptible de recevoir une ' +
    'qualification pénale.',
  en:
    'The dissemination of such data, which have been fraudulently obtained and in all likelihood ' +
    'may have been mingled with false information, is liable to be classified as a criminal offence.',
};

export const COMMISSION_NAME: Record<Language, string> = {
  fr: 'Commission nationale de contrôle de la campagne électorale (CNCCEP)',
  en: "France's national commission for the control of the election campaign (CNCCEP)",
};
