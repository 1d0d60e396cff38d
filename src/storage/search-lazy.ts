/** Search across all conversations, as the core's API offers it: its code loads when first asked for. */
export const loadSearch = () => import('./search-index.ts');
