package dev.tide.scaler.external;

/** The test kit's contract for {@code external}: see {@link ExternalContract}. */
class ExternalContractIT extends ExternalContract {

    ExternalContractIT() {
        super(ExternalScalerFactory::new, ExternalTrigger.TYPE);
    }
}
