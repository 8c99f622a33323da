// Renders a note's Markdown safely: raw HTML is dropped, images are never loaded (remote or not), and
// links open only through the platform (the system browser, after the person confirms).
import { memo, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import { useServices } from '../app/services';

const SAFE_LINK = /^(https?:|mailto:)/i;

/** Keeps http(s) and mailto links; everything else (javascript:, data:, file:, relative) becomes inert. */
export function safeUrl(url: string): string {
  return SAFE_LINK.test(url.trim()) ? url.trim() : '';
}

function NoteLink({ href, children }: { href?: string | undefined; children?: ReactNode }): ReactNode {
  const { platform } = useServices();
  if (!href) return <span className="note__inert-link">{children}</span>;
  return (
    <a
      href={href}
      rel="noreferrer noopener"
      title={href}
      onClick={(event) => {
        event.preventDefault();
        void platform.openExternal(href);
      }}
    >
      {children}
    </a>
  );
}

const components: Components = {
  a: ({ href, children }) => <NoteLink href={href}>{children}</NoteLink>,
  img: ({ alt }) => <span className="note__image-placeholder">{alt ? `[image: ${alt}]` : '[image not shown]'}</span>,
  h1: ({ children }) => <h3>{children}</h3>,
  h2: ({ children }) => <h3>{children}</h3>,
};

export const MarkdownNote = memo(function MarkdownNote({ text, className }: { text: string; className?: string }): ReactNode {
  return (
    <div className={`note${className ? ` ${className}` : ''}`}>
      <Markdown skipHtml urlTransform={safeUrl} components={components}>
        {text}
      </Markdown>
    </div>
  );
});
