import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { graphql } from '../gql';
import { ApiError, gql, keyStore } from './client';

export type Role = 'viewer' | 'steward' | 'admin';

const RANK: Record<Role, number> = { viewer: 1, steward: 2, admin: 3 };

export interface Caller {
  name: string;
  role: Role;
}

interface Session {
  caller: Caller | null;
  /**
   * true while a key kept in the tab is being checked at load. Pages render meanwhile (their queries run beside the
   * check instead of after it), showing no action until the role is known; a refused key signs out.
   */
  checking: boolean;
  signIn(key: string): Promise<void>;
  signOut(): void;
  /** the caller's role is at least `role` (a viewer sees, a steward acts, an admin edits rules) */
  can(role: Role): boolean;
}

const MeQuery = graphql(`
  query Me {
    me { name role }
  }
`);

const SessionContext = createContext<Session | null>(null);

async function whoIs(key: string): Promise<Caller> {
  const { me } = await gql(MeQuery, {}, key);
  if (!(me.role in RANK)) throw new ApiError('UNKNOWN_ROLE', `The hub answered an unknown role "${me.role}".`);
  return { name: me.name, role: me.role as Role };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const [caller, setCaller] = useState<Caller | null>(null);
  const [checking, setChecking] = useState(() => keyStore.get() !== null);

  useEffect(() => {
    const key = keyStore.get();
    if (!key) return;
    whoIs(key)
      .then(setCaller)
      .catch(() => keyStore.clear())
      .finally(() => setChecking(false));
  }, []);

  const signIn = useCallback(async (key: string) => {
    const who = await whoIs(key);
    keyStore.set(key);
    queries.clear();
    setCaller(who);
  }, [queries]);

  const signOut = useCallback(() => {
    keyStore.clear();
    queries.clear();
    setCaller(null);
  }, [queries]);

  const can = useCallback((role: Role) => caller !== null && RANK[caller.role] >= RANK[role], [caller]);

  return <SessionContext.Provider value={{ caller, checking, signIn, signOut, can }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
