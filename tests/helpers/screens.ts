/** The screens a wall display is shown on: the Pi's panels, the portrait Touch Display 2, tablets, TVs. */
export const WALL_SCREENS = [
  { name: 'pi', label: '7" panel of the Pi', width: 800, height: 480 },
  { name: 'panel-1024', label: '7" panel', width: 1024, height: 600 },
  { name: 'touch-display-2', label: 'Touch Display 2, portrait', width: 720, height: 1280 },
  { name: 'laptop', label: 'laptop', width: 1280, height: 800 },
  { name: 'tablet', label: 'tablet, portrait', width: 768, height: 1024 },
  { name: 'tv', label: 'TV', width: 1920, height: 1080 },
  { name: 'tv-4k', label: '4K TV', width: 3840, height: 2160 },
  { name: 'tv-portrait', label: 'TV, portrait', width: 1080, height: 1920 },
] as const;
