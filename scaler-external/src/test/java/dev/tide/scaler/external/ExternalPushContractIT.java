package dev.tide.scaler.external;

/** The test kit's contract for {@code external-push}: see {@link ExternalContract}. */
class ExternalPushContractIT extends ExternalContract {

    ExternalPushContractIT() {
        super(ExternalPushScalerFactory::new, ExternalTrigger.PUSH_TYPE);
    }
}
