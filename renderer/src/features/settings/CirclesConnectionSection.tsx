// Circles connection: the relays and STUN/TURN servers new circles and joins use, and (in the desktop app)
// hosting a relay on this computer. Checked with the shared rules; stored in settings.signalingUrls/iceServers.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Plus, Radio, X } from 'lucide-react';
import { CONNECTION_LIMITS, iceServerUrls, isLoopbackRelay, relayKey, type IceServer } from '@shared/circles/connection';
import type { RelayHostStatus } from '@shared/ipc/contract';
import { useServices } from '../../app/services';
import { useSettings } from '../../app/settings';
import { useToasts } from '../../app/toasts';
import type { RelayHostControl } from '../../platform/platform';
import { SettingsRow, Switch } from './controls';
import { addIceServer, addRelay, putBack, removeAt } from './model';
import { errorText, useSaveSettings } from './saveSettings';

const sameIceServer = (a: IceServer, b: IceServer): boolean => iceServerUrls(a).join(' ').toLowerCase() === iceServerUrls(b).join(' ').toLowerCase();

export function CirclesConnectionSection(): ReactNode {
  const { platform } = useServices();
  return (
    <section className="card settings-section" aria-labelledby="circles-connection-title">
      <h2 id="circles-connection-title">Circles connection</h2>
      <p className="settings-section__intro muted">
        How your circles find each other. Changes apply to circles you create and to joins you start from now on; circles you’re already in keep the addresses they started with.
      </p>
      <Relays />
      <IceServers />
      {platform.relayHost ? (
        <HostRelay control={platform.relayHost} />
      ) : (
        <div className="settings-group">
          <h3>Host a relay</h3>
          <p className="settings-group__hint">
            In this browser preview, <code className="settings-address">npm run start:web</code> already runs a relay at <span className="settings-address">ws://127.0.0.1:4444</span>, the address Hearth uses
            by default. The desktop app can host a relay itself.
          </p>
        </div>
      )}
    </section>
  );
}

function Relays(): ReactNode {
  const { settings } = useSettings();
  const save = useSaveSettings();
  const toasts = useToasts();
  const [message, setMessage] = useState('');
  const messageId = useId();
  const relays = settings.signalingUrls;

  const remove = (index: number): void => {
    const removed = relays[index];
    if (removed === undefined) return;
    void save((current) => ({ signalingUrls: removeAt(current.signalingUrls, current.signalingUrls.indexOf(removed)).list })).then((saved) => {
      if (!saved) return;
      toasts.notify({
        message: `Removed the relay ${removed}.`,
        action: {
          label: 'Undo',
          run: () => void save((current) => ({ signalingUrls: putBack(current.signalingUrls, removed, index, { same: (a, b) => relayKey(a) === relayKey(b), limit: CONNECTION_LIMITS.relays }) })),
        },
      });
    });
  };

  return (
    <div className="settings-group" role="group" aria-labelledby="relays-title">
      <h3 id="relays-title">Relays</h3>
      <p className="settings-group__hint">
        Members find each other through a relay. It sees only unreadable room names — never a circle’s name, who’s in it, or what anyone writes. Invite links from circles you create carry their relay,
        so the people you invite don’t need to set it.
      </p>
      {relays.length === 0 ? (
        <p className="notice settings-group__empty">No relay. Until you add one, new circles and joins can’t reach anyone.</p>
      ) : (
        <ul className="address-list" role="list" aria-label="Relay addresses">
          {relays.map((url, index) => (
            <li key={url} className="address-list__row">
              <span className="settings-address">{url}</span>
              {isLoopbackRelay(url) && <span className="address-list__tag">this computer only</span>}
              <button type="button" className="button button--quiet button--icon address-list__remove" aria-label={`Remove relay ${url}`} title="Remove" onClick={() => remove(index)}>
                <X aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddAddress
        label="Add relay address"
        noun="relay"
        placeholder="wss://relay.example.org"
        messageId={messageId}
        message={message}
        onMessage={setMessage}
        onAdd={(raw) => {
          const result = addRelay(relays, raw);
          if (!result.ok) return result.message;
          void save((current) => {
            const latest = addRelay(current.signalingUrls, raw);
            return latest.ok ? { signalingUrls: latest.list } : {};
          });
          return null;
        }}
      />
    </div>
  );
}

/** One text field with an Add button, like the word lists; `onAdd` returns why it can't be added, or null. */
function AddAddress({
  label,
  noun,
  placeholder,
  onAdd,
  message,
  onMessage,
  messageId,
}: {
  label: string;
  noun: string;
  placeholder: string;
  onAdd: (raw: string) => string | null;
  message: string;
  onMessage: (message: string) => void;
  messageId: string;
}): ReactNode {
  const id = useId();
  const [text, setText] = useState('');
  const add = (): void => {
    const problem = onAdd(text);
    onMessage(problem ?? '');
    if (!problem) setText('');
  };
  return (
    <div className="add-word">
      <div className="add-word__controls address-add">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <input
          id={id}
          className="input settings-address"
          placeholder={placeholder}
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={messageId}
          aria-invalid={message !== ''}
          onChange={(event) => {
            setText(event.target.value);
            if (message) onMessage('');
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button" onClick={add} disabled={!text.trim()}>
          <Plus aria-hidden="true" /> Add<span className="visually-hidden"> {noun}</span>
        </button>
      </div>
      <p id={messageId} className="add-word__message" role="status">
        {message}
      </p>
    </div>
  );
}

function IceServers(): ReactNode {
  const { settings } = useSettings();
  const save = useSaveSettings();
  const toasts = useToasts();
  const id = useId();
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [credential, setCredential] = useState('');
  const [message, setMessage] = useState('');
  const servers = settings.iceServers;

  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    if (message) setMessage('');
  };

  const add = (): void => {
    const input = { url, username, credential };
    const result = addIceServer(servers, input);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    setMessage('');
    setUrl('');
    setUsername('');
    setCredential('');
    void save((current) => {
      const latest = addIceServer(current.iceServers, input);
      return latest.ok ? { iceServers: latest.list } : {};
    });
  };

  const remove = (index: number): void => {
    const removed = servers[index];
    if (removed === undefined) return;
    const label = iceServerUrls(removed).join(', ');
    void save((current) => ({ iceServers: removeAt(current.iceServers, current.iceServers.findIndex((server) => sameIceServer(server, removed))).list })).then((saved) => {
      if (!saved) return;
      toasts.notify({
        message: `Removed the server ${label}.`,
        action: { label: 'Undo', run: () => void save((current) => ({ iceServers: putBack(current.iceServers, removed, index, { same: sameIceServer, limit: CONNECTION_LIMITS.iceServers }) })) },
      });
    });
  };

  return (
    <div className="settings-group" role="group" aria-labelledby="ice-title">
      <h3 id="ice-title">STUN and TURN servers</h3>
      <p className="settings-group__hint">
        None by default, so no outside server learns your network address. People on the same network connect without one. Between different networks — two homes, an office, mobile data — some
        connections only work through a TURN server: if members can’t reach each other, add one you trust.
      </p>
      <p className="settings-group__hint">Circles you create pass these servers, with any user name and password, on to the people who join.</p>
      {servers.length === 0 ? (
        <p className="settings-group__empty muted">None — members connect directly.</p>
      ) : (
        <ul className="address-list" role="list" aria-label="STUN and TURN servers">
          {servers.map((server, index) => {
            const label = iceServerUrls(server).join(', ');
            return (
              <li key={label} className="address-list__row">
                <span className="settings-address">{label}</span>
                {server.username !== undefined && <span className="address-list__tag">with a login</span>}
                <button type="button" className="button button--quiet button--icon address-list__remove" aria-label={`Remove server ${label}`} title="Remove" onClick={() => remove(index)}>
                  <X aria-hidden="true" />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form
        className="ice-form"
        aria-label="Add a STUN or TURN server"
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <div className="field ice-form__url">
          <label className="field__label" htmlFor={`${id}-url`}>
            Server address
          </label>
          <input
            id={`${id}-url`}
            className="input settings-address"
            placeholder="turn:turn.example.org:3478"
            value={url}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-message`}
            aria-invalid={message !== ''}
            onChange={(event) => edit(setUrl)(event.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-username`}>
            User name <span className="field__optional">for TURN</span>
          </label>
          <input id={`${id}-username`} className="input" value={username} spellCheck={false} autoComplete="off" onChange={(event) => edit(setUsername)(event.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-credential`}>
            Password <span className="field__optional">for TURN</span>
          </label>
          <input id={`${id}-credential`} className="input" type="password" value={credential} autoComplete="off" onChange={(event) => edit(setCredential)(event.target.value)} />
        </div>
        <button type="submit" className="button ice-form__add" disabled={!url.trim()}>
          <Plus aria-hidden="true" /> Add server
        </button>
      </form>
      <p id={`${id}-message`} className="add-word__message" role="status">
        {message}
      </p>
    </div>
  );
}

function HostRelay({ control }: { control: RelayHostControl }): ReactNode {
  const toasts = useToasts();
  const [status, setStatus] = useState<RelayHostStatus | null>(null);

  useEffect(() => {
    let live = true;
    control.status().then(
      (next) => {
        if (live) setStatus(next);
      },
      (error: unknown) => {
        if (live) toasts.notify({ message: `Hearth couldn’t tell whether its relay is running: ${errorText(error)}`, tone: 'error' });
      },
    );
    return () => {
      live = false;
    };
  }, [control, toasts]);

  const configure = (choice: { enabled: boolean; shareOnNetwork: boolean }): Promise<boolean> =>
    control.configure(choice).then(
      (next) => {
        setStatus(next);
        return true;
      },
      (error: unknown) => {
        toasts.notify({ message: `That change didn’t reach the relay: ${errorText(error)}`, tone: 'error' });
        return false;
      },
    );

  if (status === null) return null;
  const hostHint = status.enabled ? null : 'Off. When on, Hearth runs a relay while it’s open, so a circle on one network needs no server at all.';
  return (
    <div className="settings-group" role="group" aria-labelledby="host-relay-title">
      <h3 id="host-relay-title" className="visually-hidden">
        Host a relay
      </h3>
      <SettingsRow inline label="Host a relay on this computer" htmlFor="host-relay" hintId="host-relay-hint" hint={hostHint}>
        <Switch id="host-relay" checked={status.enabled} {...(hostHint ? { describedBy: 'host-relay-hint' } : {})} onChange={(enabled) => configure({ enabled, shareOnNetwork: status.shareOnNetwork })} />
      </SettingsRow>
      {status.enabled && (
        <>
          <SettingsRow
            inline
            label="Let others on my network connect"
            htmlFor="host-relay-network"
            hintId="host-relay-network-hint"
            hint="People on the same home or office network, never the wider internet. Off: only this computer can use the relay."
          >
            <Switch id="host-relay-network" checked={status.shareOnNetwork} describedBy="host-relay-network-hint" onChange={(shareOnNetwork) => configure({ enabled: true, shareOnNetwork })} />
          </SettingsRow>
          <HostStatus status={status} />
        </>
      )}
    </div>
  );
}

function HostStatus({ status }: { status: RelayHostStatus }): ReactNode {
  const { settings } = useSettings();
  const save = useSaveSettings();
  const inSettings = (url: string): boolean => settings.signalingUrls.some((existing) => relayKey(existing) === relayKey(url));
  const use = (url: string): void => {
    void save((current) => {
      const added = addRelay(current.signalingUrls, url);
      return added.ok ? { signalingUrls: added.list } : {};
    });
  };

  if (status.state === 'failed') {
    return (
      <p className="notice notice--error host-status" role="status">
        {status.problem ?? 'The relay couldn’t start. Turn it off and on again to retry.'}
      </p>
    );
  }
  if (status.state !== 'running' || status.localUrl === null) return null;
  return (
    <div className="host-status" role="status">
      <p className="host-status__line">
        <Radio aria-hidden="true" /> Running. On this computer: <span className="settings-address">{status.localUrl}</span>
      </p>
      {status.networkUrls.length > 0 && (
        <>
          <p>People on your network can use:</p>
          <ul className="address-list" role="list" aria-label="Addresses for your network">
            {status.networkUrls.map((url) => (
              <li key={url} className="address-list__row">
                <span className="settings-address">{url}</span>
                {inSettings(url) ? (
                  <span className="address-list__tag">in your relays</span>
                ) : (
                  <button type="button" className="button button--small" onClick={() => use(url)}>
                    Use for new circles
                  </button>
                )}
              </li>
            ))}
          </ul>
          <p className="settings-group__hint">
            A circle that uses this address works while this computer is on and Hearth is open. The address can change when the computer joins another network.
          </p>
        </>
      )}
      {status.problem && <p className="notice">{status.problem}</p>}
      <p className="settings-group__hint">The relay sees only unreadable room names, and the network addresses of those who connect, which it doesn’t keep.</p>
    </div>
  );
}
