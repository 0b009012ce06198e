// The address guard applied where it cannot be bypassed: at connect time. Host names are resolved
// by our own lookup, which drops every address the guard refuses before the socket picks one, and
// the address the socket actually connected to is checked once more. So a name that resolves to a
// public address for a pre-check and to 127.0.0.1 a moment later (DNS rebinding) still cannot
// reach loopback, and redirects are covered because every hop opens its connection here.
import dns from 'node:dns';
import net from 'node:net';
import { buildConnector } from 'undici';
import { decideAddress, type AllowList } from '../../domain/address-guard.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses (tests pass a stub; the default asks the system). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const all = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Raised inside the connector; the client turns it into a BlockedFetchError naming the URL. */
export class AddressRefusedError extends Error {
  override name = 'AddressRefusedError';
  constructor(
    readonly hostname: string,
    readonly reason: string,
  ) {
    super(`refused to connect to ${hostname}: ${reason}`);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A net.connect `lookup` that only ever yields addresses the guard allows. */
export function guardedLookup(allow: AllowList, resolve: Resolver) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addrs) => {
        const wanted = options.family === 4 || options.family === 6 ? addrs.filter((a) => a.family === options.family) : addrs;
        const ok: ResolvedAddress[] = [];
        let firstRefusal = '';
        for (const a of wanted) {
          const d = decideAddress(a.address, allow, hostname);
          if (d.allowed) ok.push(a);
          else firstRefusal ||= d.reason;
        }
        if (ok.length === 0) {
          const why = firstRefusal || `no address${options.family ? ` of IPv${options.family}` : ''} found`;
          const err = wanted.length
            ? new AddressRefusedError(hostname, `it resolves to ${why}`)
            : Object.assign(new Error(`${hostname}: ${why}`), { code: 'ENOTFOUND' });
          callback(err as NodeJS.ErrnoException, options.all ? [] : '', 0);
          return;
        }
        if (options.all)
          callback(
            null,
            ok.map((a) => ({ address: a.address, family: a.family })),
          );
        else callback(null, ok[0]!.address, ok[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, options.all ? [] : '', 0),
    );
  };
}

export interface GuardedConnectorOptions {
  allow: AllowList;
  resolve: Resolver;
  connectTimeoutMs: number;
  /**
   * Told of every connection made: the host asked for, and whether only the allow list let it
   * through (its address would be refused without allowHosts). The client uses it so a public
   * feed's permanent redirect never moves the source onto an intranet host.
   */
  onConnect?: (host: string, viaAllowList: boolean) => void;
}

const NOTHING_ALLOWED: AllowList = { cidrs: [], hosts: [] };

/** An undici `connect` function that enforces the guard on literal addresses, resolved names and the final socket. */
export function guardedConnector(opts: GuardedConnectorOptions): buildConnector.connector {
  const base = buildConnector({
    timeout: opts.connectTimeoutMs,
    lookup: guardedLookup(opts.allow, opts.resolve),
  } as buildConnector.BuildOptions);
  return (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host)) {
      const d = decideAddress(host, opts.allow);
      if (!d.allowed) {
        callback(new AddressRefusedError(host, d.reason), null);
        return;
      }
    }
    base(options, (err, socket) => {
      if (err || !socket) {
        callback(err ?? new Error('connection failed'), null);
        return;
      }
      const remote = socket.remoteAddress;
      const d = remote ? decideAddress(remote, opts.allow, net.isIP(host) ? undefined : host) : undefined;
      if (!d?.allowed) {
        socket.destroy();
        callback(new AddressRefusedError(host, d ? `connected address ${d.reason}` : 'connected address unknown'), null);
        return;
      }
      opts.onConnect?.(host.toLowerCase(), !decideAddress(remote ?? '', NOTHING_ALLOWED).allowed);
      callback(null, socket);
    });
  };
}
