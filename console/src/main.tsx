import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Router } from 'wouter';
import { ApiError } from './api/client';
import { SessionProvider } from './api/session';
import { App } from './app/App';
import './styles.css';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused key or a bad filter will not get better by asking again; a hub restarting might.
      retry: (count, err) => count < 2 && err instanceof ApiError && err.code === 'HUB_UNREACHABLE',
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <SessionProvider>
        <Router base="/console">
          <App />
        </Router>
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
