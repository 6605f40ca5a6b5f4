/**
 * `/blackout check text:`: a dry run of the classifier. The checked text is neither logged,
 * stored nor echoed back: the answer names only the verdict, leak sets and configured rules.
 */
import { classify, MATCHERS } from '../../core/index.ts';
import type { Handler } from './handler.ts';

export const check: Handler = ({ ctx, invocation, t, ephemeral }) => {
  const text = invocation.options.text ?? '';
  const engine = ctx.live.engine;
  const c = classify(engine, { text, at: ctx.nowMs });
  const names = new Map(engine.config.leaks.map((l) => [l.id, l.name ?? l.id]));
  const windowNames = new Map(engine.windows.map((w) => [w.id, w.name]));
  const lines = [
    t.verdict[c.verdict],
    c.inBlackout ? t.checkInBlackout(c.windows.map((id) => windowNames.get(id) ?? id).join(', ')) : t.checkOutside,
    t.checkWouldAct[c.verdict],
  ];
  const fields = [];
  if (c.leaks.length > 0) {
    fields.push({ name: t.fieldLeaks, value: c.leaks.map((id) => `${names.get(id) ?? id} (\`${id}\`)`).join('\n') });
    const rules = [
      ...new Set(
        c.signals.map((s) => MATCHERS.find((m) => m.kind === s.kind)?.describe(s.rule) ?? `${s.kind} ${s.rule}`),
      ),
    ];
    fields.push({ name: t.fieldRules, value: rules.map((r) => `• ${r}`).join('\n') });
  }
  return { title: t.checkTitle, text: lines.join('\n'), ...(fields.length > 0 && { fields }), ephemeral };
};
