import type { en } from './catalogs/en.js';
import type { Message, ParamNames, ParamValue, PluralMessage } from './message.js';

/** English, the source catalog: its keys are every key. */
export type SourceCatalog = typeof en;
export type MessageKey = keyof SourceCatalog;

/**
 * What every other language's file must be: the same keys as English (a
 * missing or unknown key fails to compile), a text where English has a text,
 * plural forms where English has them.
 */
export type Catalog = { readonly [K in MessageKey]: SourceCatalog[K] extends string ? string : PluralMessage };

/** The parameters of a key's message, by name. */
export type ParamsOf<K extends MessageKey> = { readonly [P in ParamNames<SourceCatalog[K]>]: ParamValue };

/** t(key) for a message without parameters, t(key, { … }) with exactly its parameters. */
export type ParamsArg<K extends MessageKey> = [ParamNames<SourceCatalog[K]>] extends [never] ? [] : [params: ParamsOf<K>];

export type AnyCatalog = Readonly<Record<MessageKey, Message>>;
