// What leaves the topics reader for the store and for readers. The choice, and why:
//
// The store keeps a topic's definition WITHOUT secrets. An inline webhook secret is replaced by a
// marker (WITHHELD_SECRET); secretEnv / secretFile are stored as the references they are and
// resolved to a value whenever topics are loaded. A database is copied into backups, dumps and
// replicas, read by other roles and tools, and served back by code that did not expect a secret
// in it (the API did exactly that): a secret that is not stored cannot leak from there. The cost:
// a process that reads topics from the database alone cannot sign with an inline secret — it says
// so, and secretEnv / secretFile (or the topics file itself) work everywhere.
//
// E-mail recipients and the webhook URL are stored, because delivering needs them in processes
// that only have the store (`newsdesk alerts run`). They are not credentials, yet they are private,
// so nothing is served from the stored definition directly: the API and the pages show
// publicDefinition() / TopicInfo (summary.ts), which hold no alert settings at all.
import type { AlertSettings } from './alerts.js';
import type { EntityDefinition, TopicDefinition } from './definition.js';
import { WITHHELD_SECRET } from './secret.js';

/** A topic's matching part: what decides its tags (and its stored matching hash). */
export interface MatchingPart {
  id: string;
  name: string;
  languages: string[];
  entities: EntityDefinition[];
  related: string[];
  places: string[];
  query: string | null;
}

/** What anyone may see of a topic: its names, query and description. */
export interface PublicDefinition extends MatchingPart {
  description: string;
}

export interface StoredAlerts {
  webhook?: { url: string; secret: string } | { url: string; secretEnv: string } | { url: string; secretFile: string };
  email?: { to: string[]; every: string; hour: number };
  maxAgeHours: number;
}

/** The definition the store keeps: a valid topics-file entry, with no secret value in it. */
export interface StoredDefinition extends PublicDefinition {
  alerts?: StoredAlerts;
}

export function matchingPart(t: TopicDefinition): MatchingPart {
  return {
    id: t.id,
    name: t.name,
    languages: t.languages,
    entities: t.entities.map((e) => ({ id: e.id, name: e.name, aliases: e.aliases, acronyms: e.acronyms, context: e.context })),
    related: t.related,
    places: t.places,
    query: t.query,
  };
}

export function publicDefinition(t: TopicDefinition): PublicDefinition {
  return { ...matchingPart(t), description: t.description };
}

export function storedDefinition(t: TopicDefinition): StoredDefinition {
  const out: StoredDefinition = publicDefinition(t);
  if (t.alerts) out.alerts = storedAlerts(t.alerts);
  return out;
}

function storedAlerts(a: AlertSettings): StoredAlerts {
  const out: StoredAlerts = { maxAgeHours: a.maxAgeHours };
  if (a.webhook) {
    const { url, secret } = a.webhook;
    out.webhook =
      secret.from === 'env'
        ? { url, secretEnv: secret.name }
        : secret.from === 'file'
          ? { url, secretFile: secret.path }
          : { url, secret: WITHHELD_SECRET };
  }
  if (a.email) out.email = { to: a.email.to, every: a.email.every, hour: a.email.hour };
  return out;
}
