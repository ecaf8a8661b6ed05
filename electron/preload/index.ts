import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';
import { DEFAULT_BRIDGE_CONFIG, parseBridgeConfigArg } from './bridge-config.js';

// Bundled into one CommonJS file (electron.vite.config.ts): a sandboxed preload can require only
// 'electron' and a few built-ins, never other files.
const config = parseBridgeConfigArg(process.argv);
if (!config) console.error('newsroom: no valid --newsroom-config argument; falling back to solo mode');

contextBridge.exposeInMainWorld('newsroom', createBridge(ipcRenderer, config ?? DEFAULT_BRIDGE_CONFIG));
