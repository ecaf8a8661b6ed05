import { useState } from 'react';
import type { MediaAttachment } from '../../../../shared/domain';
import { ExternalLink } from '../external-link';
import { safeExternalUrl } from '../../lib/links';

const KIND: Record<MediaAttachment['type'], string> = { image: 'Image', gifv: 'Animation', video: 'Video', audio: 'Audio', unknown: 'Attachment' };

/** One attachment: a preview image straight from the platform (never through the hub), its alt text under it. */
function Attachment({ m, hidden }: { m: MediaAttachment; hidden: boolean }) {
  const [failed, setFailed] = useState(false);
  const preview = safeExternalUrl(m.previewUrl) ?? (m.type === 'image' ? safeExternalUrl(m.url) : null);
  const label = m.description ?? `${KIND[m.type]} without a description`;
  return (
    <figure className={hidden ? 'post-media-item blurred' : 'post-media-item'} data-testid="post-media" data-type={m.type}>
      {preview && !failed ? (
        <img src={preview} alt={m.description ?? ''} loading="lazy" referrerPolicy="no-referrer" onError={() => setFailed(true)} />
      ) : (
        <div className="post-media-placeholder" aria-hidden="true">
          {KIND[m.type]}
        </div>
      )}
      {m.type !== 'image' ? <span className="post-media-kind">{KIND[m.type]}</span> : null}
      {/* Alt text is for everyone on a wall, not only screen readers; a blurred one isn't described either. */}
      {hidden ? null : (
        <figcaption dir="auto" className={m.description ? 'post-media-alt' : 'post-media-alt missing'} title={label}>
          {m.description ? <span className="alt-badge">ALT</span> : null}
          {m.description ?? 'no description'}
          {m.url && m.type !== 'image' ? (
            <ExternalLink url={m.url} className="post-media-open">
              open ↗
            </ExternalLink>
          ) : null}
        </figcaption>
      )}
    </figure>
  );
}

/**
 * A post's attachments. Media of a sensitive post stay blurred: on the wall always; a person at a
 * desk can reveal them with one click.
 */
export function MediaGrid({ media, sensitive, canReveal }: { media: readonly MediaAttachment[]; sensitive: boolean; canReveal: boolean }) {
  const [revealed, setRevealed] = useState(false);
  if (media.length === 0) return null;
  const hidden = sensitive && !revealed;
  return (
    <div className="post-media" data-testid="post-media-grid" data-hidden={hidden ? 'true' : 'false'}>
      {media.map((m, i) => (
        <Attachment key={i} m={m} hidden={hidden} />
      ))}
      {hidden ? (
        <div className="post-media-cover">
          <span>Sensitive media</span>
          {canReveal ? (
            <button type="button" className="post-reveal" data-testid="reveal-media" onClick={() => setRevealed(true)}>
              Show
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
