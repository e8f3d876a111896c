/**
 * Loads the Quanzhou county shapes on first use and registers them with ECharts. The GeoJSON (≈ 400 KB, ≈ 63 KB
 * gzipped) is a chunk of its own, fetched from our own origin only when a map is shown: never in the first bundle,
 * and it works offline. Licence and changes: docs/licences.md.
 */
import { MapChart } from 'echarts/charts';
import { getMap, registerMap, use } from 'echarts/core';
import { type CountyFeature, QUANZHOU_MAP_NAME } from './county-map';

// `registerMap` is a no-op until the map chart (with its geo store) is installed.
use([MapChart]);

type GeoJsonInput = Parameters<typeof registerMap>[1];

let loading: Promise<CountyFeature[]> | null = null;

/** The shapes' features, registered under `QUANZHOU_MAP_NAME`; the file is fetched once, a failure may be retried. */
export function loadQuanzhouMap(): Promise<CountyFeature[]> {
  loading ??= import('../../assets/maps/quanzhou.geojson?raw')
    .then(({ default: text }) => {
      const geoJson = JSON.parse(text) as { features: CountyFeature[] };
      if (!getMap(QUANZHOU_MAP_NAME)) registerMap(QUANZHOU_MAP_NAME, geoJson as unknown as GeoJsonInput);
      return geoJson.features;
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
