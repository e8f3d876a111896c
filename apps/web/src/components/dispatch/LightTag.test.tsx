import { cleanup, render, screen } from '@testing-library/react';
import type { ItemT } from '@zaitun/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import '../../i18n';
import { ItemSignals } from './EscalationTag';
import { LightTag } from './LightTag';
import { StateTag } from './StateTag';

afterEach(cleanup);

const item = (over: Partial<ItemT>): ItemT =>
  ({
    escalation: null,
    signOverdue: false,
    urgeCount: 0,
    redoCount: 0,
    extensionCount: 0,
    flaggedForMeeting: false,
    ...over,
  }) as ItemT;

describe('light and escalation tags', () => {
  it('names each light beside its colour', () => {
    const { container } = render(
      <>
        <LightTag light="green" />
        <LightTag light="yellow" />
        <LightTag light="red" />
      </>,
    );
    expect(screen.getByText('正常').closest('[data-light]')?.getAttribute('data-light')).toBe('green');
    expect(screen.getByText('临期').closest('[data-light]')?.getAttribute('data-light')).toBe('yellow');
    expect(screen.getByText('超期').closest('[data-light]')?.getAttribute('data-light')).toBe('red');
    expect(container.querySelectorAll('.light-dot')).toHaveLength(3);
  });

  it('shows nothing when the clock is not running', () => {
    const { container } = render(<LightTag light={null} />);
    expect(container.textContent).toBe('');
  });

  it('shows the card, signing overdue, urges and the meeting flag in words', () => {
    render(
      <ItemSignals item={item({ escalation: 'red', signOverdue: true, urgeCount: 2, flaggedForMeeting: true })} />,
    );
    expect(screen.getByText('红牌督办')).toBeTruthy();
    expect(screen.getByText('签收超时')).toBeTruthy();
    expect(screen.getByText('催办 2 次')).toBeTruthy();
    expect(screen.getByText('上会')).toBeTruthy();
  });

  it('labels states in Chinese', () => {
    render(<StateTag state="resolved" />);
    expect(screen.getByText('待核验')).toBeTruthy();
  });
});
