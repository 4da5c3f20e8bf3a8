import { Layout } from './layout.js';

export interface ErrorPageProps {
  status: number;
  title: string;
  message: string;
  /** A link that helps, e.g. back to the start page. */
  action?: { href: string; label: string };
  /** The language of the page's words. */
  lang?: string;
}

export function ErrorPage(props: ErrorPageProps) {
  const icon = props.status === 404 ? '🔍' : props.status === 429 ? '⏳' : props.status === 403 ? '🚫' : '🛠️';
  return (
    <Layout lang={props.lang} title={`${props.title} · DinkyDash`}>
      <main class="error-page">
        <div class="big" aria-hidden="true">{icon}</div>
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        {props.action ? (
          <p>
            <a href={props.action.href}>{props.action.label}</a>
          </p>
        ) : null}
      </main>
    </Layout>
  );
}
