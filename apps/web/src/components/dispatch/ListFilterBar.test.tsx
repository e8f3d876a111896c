import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { ExportLink, ListFilterBar, type ListFilterValues } from './ListFilterBar';

afterEach(cleanup);

function bar(value: ListFilterValues<'draft' | 'issued'>) {
  const onChange = vi.fn();
  const onRefresh = vi.fn();
  render(
    <ListFilterBar<'draft' | 'issued'>
      value={value}
      onChange={onChange}
      onRefresh={onRefresh}
      searchLabel="标题或文号"
      stateLabel="状态"
      stateOptions={[
        { value: 'draft', label: '草稿' },
        { value: 'issued', label: '已签发' },
      ]}
    />,
  );
  return { onChange, onRefresh, search: screen.getByLabelText('标题或文号') as HTMLInputElement };
}

describe('the order and meeting filter bar', () => {
  it('applies the keyword on Enter, trimmed, keeping the other filters', () => {
    const { onChange, search } = bar({ state: 'issued', year: 2026 });
    fireEvent.change(search, { target: { value: '  出口退税 ' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(onChange).toHaveBeenLastCalledWith({ state: 'issued', year: 2026, q: '出口退税' });
  });

  it('resets every filter and empties the keyword box; refreshes on demand', () => {
    const { onChange, onRefresh, search } = bar({ q: '出口', state: 'draft' });
    expect(search.value).toBe('出口');
    fireEvent.click(screen.getByRole('button', { name: /重\s*置/ }));
    expect(onChange).toHaveBeenLastCalledWith({});
    expect(search.value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: '刷新' }));
    expect(onRefresh).toHaveBeenCalledOnce();
  });

  it('offers state and year, named for screen readers', () => {
    bar({});
    expect(screen.getByLabelText('状态')).toBeTruthy();
    expect(screen.getByLabelText('年度')).toBeTruthy();
  });
});

describe('the export link', () => {
  it('downloads what its href names', () => {
    render(<ExportLink href="/api/v1/orders/export?state=issued" />);
    const link = screen.getByRole('link', { name: /导出 Excel/ });
    expect(link.getAttribute('href')).toBe('/api/v1/orders/export?state=issued');
    expect(link.hasAttribute('download')).toBe(true);
  });
});
