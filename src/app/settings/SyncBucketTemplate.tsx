import { useId, useRef, useState } from "react";

/** The template infra/ writes (npm run sync-template --prefix infra), served beside the app. */
export const SYNC_TEMPLATE_FILE = "sync-bucket.template.json";

/** The AWS CLI command that creates the stack from the downloaded template, for this app's origin (infra/README.md "A sync bucket"). */
export function syncBucketCommand(origin: string): string {
  return `aws cloudformation deploy --template-file ${SYNC_TEMPLATE_FILE} --stack-name curator-sync --capabilities CAPABILITY_IAM --parameter-overrides AppOrigin=${origin}`;
}

/**
 * For users without a bucket: the one-file CloudFormation template and the command that
 * deploys it with their own AWS credentials, filled in with the address the app runs at
 * (the bucket's CORS rule must name exactly this origin).
 */
export function SyncBucketTemplate({ origin }: { origin: string }) {
  const id = useId();
  const command = syncBucketCommand(origin);
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<"yes" | "select" | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied("yes");
    } catch {
      // No clipboard (permission refused, an insecure origin): select the command for Ctrl+C instead.
      if (code.current) window.getSelection()?.selectAllChildren(code.current);
      setCopied("select");
    }
  };

  return (
    <section className="sync-template" aria-labelledby={`${id}-title`} data-testid="sync-template">
      <h4 id={`${id}-title`}>Don't have a bucket?</h4>
      <p className="sync-note">
        Create one on AWS with our{" "}
        <a href={`${import.meta.env.BASE_URL}${SYNC_TEMPLATE_FILE}`} download={SYNC_TEMPLATE_FILE}>
          CloudFormation template
        </a>
        : a private, encrypted, versioned bucket that lets this site in (CORS), and a user that can reach only its sync folder. Download it, then run with your
        own AWS credentials:
      </p>
      <pre className="sync-command" id={`${id}-command`}>
        <code ref={code}>{command}</code>
      </pre>
      <div className="sync-template-copy">
        <button type="button" className="button" aria-describedby={`${id}-command`} onClick={() => void copy()}>
          Copy command
        </button>
        <span role="status" className="sync-note">
          {copied === "yes" ? "Copied." : copied === "select" ? "Copying is not allowed here: the command is selected, press Ctrl+C (⌘C)." : ""}
        </span>
      </div>
      <p className="sync-note">
        Its outputs (<code>aws cloudformation describe-stacks --stack-name curator-sync</code>) give the endpoint URL, bucket and region for the fields below,
        and the command that makes the user's access key.
      </p>
    </section>
  );
}
