/** `/blackout statement`: the electoral commission's statement, in the reply language. */
import { COMMISSION_NAME, COMMISSION_STATEMENT } from '../../core/index.ts';
import type { Handler } from './handler.ts';

export const statement: Handler = ({ ctx, language, t, ephemeral }) => {
  const custom = ctx.live.config.warnings[language]?.statement;
  const text = `« ${custom ?? COMMISSION_STATEMENT[language]} »\n— ${COMMISSION_NAME[language]}`;
  return { title: t.statementTitle, text: language === 'en' ? text.replace(/^« (.*) »/s, '“$1”') : text, ephemeral };
};
