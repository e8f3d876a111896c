import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { getMap } from 'echarts/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { CountyMap } from './CountyMap';
import { QUANZHOU_MAP_NAME } from './county-map';

afterEach(cleanup);

// happy-dom lays nothing out: give ECharts' container a size, as a browser would.
const sizes = ['clientWidth', 'clientHeight'] as const;
const saved = sizes.map((key) => Object.getOwnPropertyDescriptor(HTMLElement.prototype, key));
beforeAll(() => {
  for (const key of sizes) {
    Object.defineProperty(HTMLElement.prototype, key, {
      configurable: true,
      get: () => (key === 'clientWidth' ? 800 : 420),
    });
  }
});
afterAll(() => {
  sizes.forEach((key, i) => {
    const descriptor = saved[i];
    if (descriptor) Object.defineProperty(HTMLElement.prototype, key, descriptor);
  });
});

const values = [
  { unitCode: 'JINJIANG', divisionCode: '350582', name: '晋江市', value: 1443.6, light: 'green' as const },
  { unitCode: 'SHISHI', divisionCode: '350581', name: '石狮市', value: null, light: null },
  { unitCode: 'TAISHANG', divisionCode: null, name: '泉州台商投资区', value: 250.2, light: 'red' as const },
  { unitCode: 'ETDZ', divisionCode: null, name: '泉州经济技术开发区', value: null, light: null },
];

describe('CountyMap', () => {
  // Generous timeouts: the first test parses the 400 KB GeoJSON, slow on a busy 2-core machine.
  it('loads and registers the shapes, draws them, and lists the zones without a shape with their figures', {
    timeout: 30_000,
  }, async () => {
    const { container } = render(<CountyMap values={values} measureUnit="亿元" decimals={2} />);
    expect(screen.getByText('正在加载地图…')).toBeTruthy();
    const list = await screen.findByTestId('county-map-unplaced', {}, { timeout: 20_000 });
    expect(getMap(QUANZHOU_MAP_NAME)).toBeTruthy();
    expect(list.textContent).toBe('未在地图中显示：泉州台商投资区 250.20 亿元泉州经济技术开发区 —');
    // One path per polygon of the 12 shapes, and a label per shape.
    await waitFor(() => expect(container.querySelectorAll('svg path').length).toBeGreaterThanOrEqual(12));
    const labels = [...container.querySelectorAll('svg text')].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(['晋江', '石狮', '金门', '德化']));
    expect(screen.getByText('示意图，非标准地图，行政区界线仅供参考')).toBeTruthy();
    expect(screen.getByText('无数据')).toBeTruthy();
  });

  it('selects a zone from the list beside the map, and names the lights in light mode', {
    timeout: 30_000,
  }, async () => {
    const onSelect = vi.fn();
    render(<CountyMap values={values} measureUnit="亿元" decimals={2} mode="light" onSelect={onSelect} />);
    fireEvent.click(await screen.findByRole('button', { name: /泉州台商投资区/ }));
    expect(onSelect).toHaveBeenCalledWith('TAISHANG');
    for (const light of ['绿灯', '黄灯', '红灯']) expect(screen.getByText(light)).toBeTruthy();
  });
});
