// Types for the parts of simple-peer's browser bundle that the framed peer uses (the package ships none).
declare module 'simple-peer/simplepeer.min' {
  export interface SimplePeerOptions {
    initiator?: boolean;
    config?: RTCConfiguration;
    [option: string]: unknown;
  }

  /** simple-peer 9: a Duplex stream over one RTCDataChannel; y-webrtc uses send(), destroy() and its events. */
  export default class SimplePeer {
    constructor(options?: SimplePeerOptions);
    readonly destroyed: boolean;
    readonly destroying: boolean;
    readonly connected: boolean;
    protected _channel: RTCDataChannel | null | undefined;
    send(chunk: ArrayBufferView | ArrayBuffer | string | Blob): void;
    destroy(error?: Error): void;
    signal(data: unknown): void;
    on(event: string, listener: (...args: never[]) => void): this;
    removeListener(event: string, listener: (...args: never[]) => void): this;
    emit(event: string, ...args: unknown[]): boolean;
    protected _onChannelMessage(event: { data: unknown }): void;
    protected _onChannelBufferedAmountLow(): void;
  }
}
