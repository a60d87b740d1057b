/** Checks of the `runtime-socket` boundary, in report order. */
import type { Check } from '../model.js';
import runtimeSocketReachable from './runtime-socket-reachable.js';
import containerdShimAbstractSocket from './containerd-shim-abstract-socket.js';
import dockerTcpApi from './docker-tcp-api.js';

export const runtimeSocketChecks: readonly Check[] = [runtimeSocketReachable, containerdShimAbstractSocket, dockerTcpApi];
