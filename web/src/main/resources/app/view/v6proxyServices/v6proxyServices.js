// v6proxy services table view. The module and controller names follow the names the
// ONOS GUI derives from the view id: 'ov' + 'V6proxyServices', 'Ov' + 'V6proxyServices' + 'Ctrl'.
(function () {
    'use strict';

    angular.module('ovV6proxyServices', [])
        .controller('OvV6proxyServicesCtrl',
            ['$log', '$scope', 'TableBuilderService',

            function ($log, $scope, tbs) {
                // The tag gives the message names: v6proxyServiceDataRequest,
                // v6proxyServiceDataResponse, rows under 'v6proxyServices'.
                tbs.buildTable({
                    scope: $scope,
                    tag: 'v6proxyService'
                });

                // Link of a service's connection count: the connections view, filtered.
                $scope.connectionsOf = function (name) {
                    return '#/v6proxyConnections?service=' + encodeURIComponent(name);
                };

                $log.debug('OvV6proxyServicesCtrl has been created');
            }]);
}());
