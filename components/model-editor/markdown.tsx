import ReactMarkdown, { defaultUrlTransform } from "react-markdown";
import remarkGfm from "remark-gfm";

/**
 * Renders user Markdown safely: raw HTML is not rendered (react-markdown escapes it), and link
 * and image URLs pass through react-markdown's allow-list, which drops `javascript:` and other
 * non-web schemes.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="prose-threatdesk text-sm leading-relaxed text-slate-800">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        urlTransform={(url) => defaultUrlTransform(url)}
        components={{
          h1: (p) => <h3 className="mt-3 mb-1 text-base font-semibold" {...p} />,
          h2: (p) => <h4 className="mt-3 mb-1 text-sm font-semibold" {...p} />,
          h3: (p) => <h5 className="mt-2 mb-1 text-sm font-semibold" {...p} />,
          p: (p) => <p className="my-2" {...p} />,
          ul: (p) => <ul className="my-2 list-disc pl-5" {...p} />,
          ol: (p) => <ol className="my-2 list-decimal pl-5" {...p} />,
          a: ({ href, children }) => (
            <a href={href} className="text-brand-700 underline" rel="noopener noreferrer nofollow" target="_blank">
              {children}
            </a>
          ),
          pre: (p) => (
            <pre className="my-2 overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-xs leading-relaxed whitespace-pre text-slate-800" {...p} />
          ),
          code: (p) => <code className="font-mono text-xs" {...p} />,
          table: (p) => <table className="my-2 w-full border-collapse text-left text-xs" {...p} />,
          th: (p) => <th className="border border-slate-200 bg-slate-50 px-2 py-1 font-medium" {...p} />,
          td: (p) => <td className="border border-slate-200 px-2 py-1" {...p} />,
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
