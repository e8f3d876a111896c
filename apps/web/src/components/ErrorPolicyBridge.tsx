import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect } from 'react';
import { reactionTo } from '../api/error-policy';
import { setErrorSink } from '../api/query-client';
import { forgetSession, ME_KEY } from '../api/session';
import { currentLocale } from '../i18n';

/** Carries out the request-error policy for every query and mutation (see api/error-policy.ts). */
export function ErrorPolicyBridge() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  useEffect(() => {
    setErrorSink((error, silent) => {
      const reaction = reactionTo(error, currentLocale());
      switch (reaction.kind) {
        case 'signIn':
          // The route guard sees no user and goes to /login with the current path to return to.
          forgetSession(queryClient);
          if (reaction.text) message.warning(reaction.text);
          return;
        case 'changePassword':
          void queryClient.invalidateQueries({ queryKey: ME_KEY });
          return;
        case 'conflict':
          message.warning(reaction.text);
          void queryClient.invalidateQueries();
          return;
        case 'toast':
          if (!silent) message.error(reaction.text);
          return;
      }
    });
    return () => setErrorSink(() => {});
  }, [message, queryClient]);
  return null;
}
