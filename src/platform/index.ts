/** The platform port: what each adapter (src/discord, src/slack, …) implements. See port.ts. */
export * from './port.ts';
