import type { IpcErrorCode } from '../../src-shared/ipc/ipc-result.js';

/** Next step for the user for each error code, shown under the error's message. */
export const NEXT_STEPS: Record<IpcErrorCode, string> = {
  INVALID_REQUEST: 'Correct the value named above and try again.',
  SENDER_REJECTED: 'Reload the window with Ctrl+R (Cmd+R on macOS). If this keeps happening, reinstall Butterfly.',
  NOT_FOUND: 'Refresh the list: the item may have been removed from another Butterfly window or the command line.',
  ALREADY_EXISTS: "Choose another name, or tick 'Replace the saved connection'.",
  CREDENTIAL_REJECTED: "Check the token or key and its permissions in the Okta admin console, then add the connection again with 'Replace' ticked.",
  CREDENTIAL_MISSING: "Add the connection again with 'Replace' ticked. For the sandbox demo connection, start the sandbox again under Drill mode.",
  ORG_REQUEST_FAILED: 'Check the network and the org URL, then try again. Okta may also be rate limiting: wait a minute.',
  SECRET_STORE_UNAVAILABLE: 'Unlock the OS keychain and try again, or restart Butterfly with BUTTERFLY_SECRET_STORE=passphrase to keep secrets in a passphrase-protected file.',
  VAULT_UNAVAILABLE: 'Close other Butterfly windows or commands that use this vault, then restart Butterfly. If the vault is damaged, restore the data folder from a backup.',
  SANDBOX_NOT_RUNNING: 'Start the sandbox under Drill mode first.',
  DRILL_FAILED: 'Stop and start the sandbox to get a fresh org, then apply the drill again.',
  SCOPE_INVALID: 'Go back to the scope step and choose resources the snapshot or the org contains; compare the snapshot with the live org again if the org changed.',
  CONFIRMATION_MISMATCH: "Type the org's domain exactly as shown above the field, such as acme.okta.com. Nothing was sent to the org.",
  RESTORE_BLOCKED: 'Nothing was sent. Read the blockers in the dry run, then narrow the scope or, if the access loss is intended, tick the threshold override and run the dry run again.',
  RESTORE_REFUSED: 'Open the restore journal to see its state. A restore that verified clean needs no resume; for a removed connection, add it again first.',
  FILE_NOT_WRITTEN: 'Nothing was left in the chosen folder. Export again and choose a folder you can write to, on a disk with free space.',
  CANCELLED: 'Nothing was stored. Start again when you are ready.',
  BUSY: 'Wait for the running job to finish, or cancel it.',
  INTERNAL: 'Try again. If it fails again, the main process log (standard error, BUTTERFLY_LOG_LEVEL=debug for more) has the details.',
};
