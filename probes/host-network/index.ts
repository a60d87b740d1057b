/** Checks of the `host-network` boundary, in report order. */
import type { Check } from '../model.js';
import hostNetworkNamespace from './host-network-namespace.js';
import hostUtsNamespace from './host-uts-namespace.js';
import routeLocalnet from './route-localnet.js';

export const hostNetworkChecks: readonly Check[] = [hostNetworkNamespace, hostUtsNamespace, routeLocalnet];
