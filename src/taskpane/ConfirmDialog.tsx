/** The yes/no question the controller asks before writing over cells ("Overwrite?"). */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useCallback, useRef, useState } from 'react';

export function useConfirm(): { ask: (question: string) => Promise<boolean>; dialog: JSX.Element } {
  const [question, setQuestion] = useState<string | null>(null);
  const resolver = useRef<((yes: boolean) => void) | null>(null);

  const ask = useCallback((q: string) => {
    resolver.current?.(false);
    setQuestion(q);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const answer = (yes: boolean) => {
    resolver.current?.(yes);
    resolver.current = null;
    setQuestion(null);
  };

  const body = question?.replace(/\s*Overwrite\?$/, '') ?? '';
  const dialog = (
    <Dialog open={question !== null} onOpenChange={(_e, data) => !data.open && answer(false)} modalType="alert">
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Overwrite?</DialogTitle>
          <DialogContent>{body}</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => answer(true)}>
              Yes, overwrite
            </Button>
            <Button appearance="secondary" onClick={() => answer(false)}>
              No, leave the cells
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
  return { ask, dialog };
}
