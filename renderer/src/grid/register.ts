import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';

// Registered once, before the first grid renders.
ModuleRegistry.registerModules([AllCommunityModule]);
