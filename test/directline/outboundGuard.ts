import dns from 'node:dns';
import net from 'node:net';

const LOCAL = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Records every outbound connection attempt of this process that does not go to 127.0.0.1/::1. */
export interface OutboundGuard {
  /** Hosts (or socket paths) contacted other than loopback, in order. */
  readonly foreign: string[];
  /** Undo the patches. */
  restore(): void;
}

type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket;

/**
 * Patches `net.Socket.prototype.connect` (which `http`, `https`, `tls`, undici's `fetch`, axios and MSAL all end
 * up in) and `dns.lookup`, recording any destination other than a loopback address and refusing it, so a test
 * can assert that nothing left the machine. Only TCP destinations are checked; IPC paths are ignored.
 */
export function guardOutbound(): OutboundGuard {
  const foreign: string[] = [];
  const socketProto = net.Socket.prototype as unknown as { connect: Connect };
  const originalConnect = socketProto.connect;
  const originalLookup = dns.lookup;

  socketProto.connect = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    let host: string | undefined;
    if (typeof first === 'object' && first !== null) {
      const options = first as { host?: string; path?: string };
      host = options.path ? undefined : (options.host ?? 'localhost');
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      host = typeof args[1] === 'string' ? args[1] : 'localhost';
    }
    if (host !== undefined && !LOCAL.has(host)) {
      foreign.push(host);
      throw new Error(`test guard: outbound connection to ${host} refused`);
    }
    return originalConnect.apply(this, args);
  };
  (dns as { lookup: unknown }).lookup = function (hostname: string, ...rest: unknown[]): unknown {
    if (!LOCAL.has(hostname)) foreign.push(`dns:${hostname}`);
    return (originalLookup as (...a: unknown[]) => unknown).call(dns, hostname, ...rest);
  };

  return {
    foreign,
    restore: () => {
      socketProto.connect = originalConnect;
      (dns as { lookup: unknown }).lookup = originalLookup;
    },
  };
}
