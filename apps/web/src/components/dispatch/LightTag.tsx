import type { Light } from '@zaitun/contracts';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** The three light colours; the text beside the dot carries the meaning too (never colour alone). */
export const LIGHT_COLORS: Record<Light, { tag: string; dot: string }> = {
  green: { tag: 'success', dot: '#389e0d' },
  yellow: { tag: 'warning', dot: '#d48806' },
  red: { tag: 'error', dot: '#cf1322' },
};

export function LightDot({ light }: { light: Light }) {
  return <span className="light-dot" aria-hidden style={{ background: LIGHT_COLORS[light].dot }} />;
}

/** The resolving clock's light (green/yellow/red) as a dot with its name; nothing when the clock is not running. */
export function LightTag({ light }: { light: Light | null }) {
  const { t } = useTranslation();
  if (!light) return null;
  return (
    <Tooltip title={t(`dispatch.lightHint.${light}`)}>
      <Tag color={LIGHT_COLORS[light].tag} data-light={light} className="light-tag">
        <LightDot light={light} />
        {t(`dispatch.light.${light}`)}
      </Tag>
    </Tooltip>
  );
}
