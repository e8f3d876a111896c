/** The big screen signed in (`/cockpit/screen`): the full-screen cockpit without the app's menu, with a way back. */
import { useNavigate } from 'react-router';
import { CockpitScreen } from './CockpitScreen';

export function ScreenPage() {
  const navigate = useNavigate();
  return <CockpitScreen variant="session" onExit={() => navigate('/cockpit')} />;
}
